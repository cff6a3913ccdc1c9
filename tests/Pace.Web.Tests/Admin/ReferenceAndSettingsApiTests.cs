using System.Net;
using Microsoft.EntityFrameworkCore;
using Pace.Listings;

namespace Pace.Web.Tests.Admin;

public sealed class ReferenceAndSettingsApiTests
{
    private const string Reference = "/api/v1/admin/reference";
    private const string Settings = "/api/v1/admin/settings";

    [Fact]
    public async Task A_lost_reason_is_added_renamed_and_retired_with_each_change_audited()
    {
        await using var api = await AdminApiClient.StartAsync();

        var created = await api.PostAsync(Reference, new { kind = "lost_reason", code = " Chose-Abu-Dhabi ", label = "Chose Abu Dhabi", sortOrder = 3 });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var id = created.Body.GetProperty("id").GetGuid();
        Assert.Equal("chose-abu-dhabi", created.Body.GetProperty("code").GetString());

        var retired = await api.PatchAsync($"{Reference}/{id}", new { label = "Moved to Abu Dhabi", isActive = false }, null);
        var list = await api.GetAsync($"{Reference}?kind=lost_reason");

        Assert.Equal(HttpStatusCode.OK, retired.Status);
        var value = Assert.Single(list.Body.EnumerateArray());
        Assert.Equal("Moved to Abu Dhabi", value.GetProperty("label").GetString());
        Assert.False(value.GetProperty("isActive").GetBoolean());
        Assert.Equal(3, value.GetProperty("sortOrder").GetInt32());
        Assert.Single(await api.AuditAsync("reference_value.created", id));
        Assert.Single(await api.AuditAsync("reference_value.updated", id));
    }

    [Fact]
    public async Task A_reference_value_with_a_bad_code_an_empty_label_or_a_taken_code_is_refused()
    {
        await using var api = await AdminApiClient.StartAsync();
        await api.PostAsync(Reference, new { kind = "amenity", code = "sea-view", label = "Sea view" });

        var invalid = await api.PostAsync(Reference, new { kind = "amenity", code = "Sea View!", label = " " });
        var taken = await api.PostAsync(Reference, new { kind = "amenity", code = "sea-view", label = "Sea view again" });
        var noKind = await api.GetAsync($"{Reference}?kind=colour");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.True(invalid.NamesField("code"), invalid.Body.ToString());
        Assert.True(invalid.NamesField("label"), invalid.Body.ToString());
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.Equal(HttpStatusCode.BadRequest, noKind.Status);
        Assert.True(noKind.NamesField("kind"), noKind.Body.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.PatchAsync($"{Reference}/{Guid.CreateVersion7()}", new { label = "x" }, null)).Status);
    }

    [Fact]
    public async Task The_price_change_threshold_is_listed_with_its_default_then_changed_and_read_by_the_listings_rule()
    {
        await using var api = await AdminApiClient.StartAsync();

        var before = await api.GetAsync(Settings);
        var threshold = Assert.Single(before.Body.EnumerateArray());
        Assert.Equal(PriceChangePolicy.SettingKey, threshold.GetProperty("key").GetString());
        Assert.True(threshold.GetProperty("isDefault").GetBoolean());
        Assert.Equal("10", threshold.GetProperty("value").GetString());

        var saved = await api.SendAsync(HttpMethod.Put, $"{Settings}/{PriceChangePolicy.SettingKey}", new { value = "12.50" });

        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Equal("12.5", saved.Body.GetProperty("value").GetString());
        await using var db = api.Host.Database.CreatePaceDbContext();
        var stored = await db.Settings.AsNoTracking().SingleAsync(s => s.Key == PriceChangePolicy.SettingKey);
        Assert.Equal(12.5m, PriceChangePolicy.ParsePercent(stored.Value));
        Assert.Equal(api.Admin.Id, stored.UpdatedById);
        Assert.Contains(await db.AuditLog.AsNoTracking().Where(a => a.Action == "setting.created").Select(a => a.Data).ToListAsync(),
            d => d != null && d.Contains("12.5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_setting_out_of_range_is_refused_with_its_rule_and_an_unknown_setting_does_not_exist()
    {
        await using var api = await AdminApiClient.StartAsync();

        var tooHigh = await api.SendAsync(HttpMethod.Put, $"{Settings}/{PriceChangePolicy.SettingKey}", new { value = "150" });
        var words = await api.SendAsync(HttpMethod.Put, $"{Settings}/{PriceChangePolicy.SettingKey}", new { value = "ten" });
        var unknown = await api.SendAsync(HttpMethod.Put, $"{Settings}/listings.colour", new { value = "blue" });

        Assert.Equal(HttpStatusCode.BadRequest, tooHigh.Status);
        Assert.True(tooHigh.NamesField("value"), tooHigh.Body.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, words.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        await using var db = api.Host.Database.CreatePaceDbContext();
        Assert.False(await db.Settings.AnyAsync());
    }
}
