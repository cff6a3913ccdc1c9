using System.Net;
using System.Text.Json;
using Pace.Audit;
using Pace.Identity;
using Pace.Web.Tests.Tokens;

namespace Pace.Web.Tests.Audit;

public sealed class AuditApiTests
{
    private static readonly Guid Listing = Guid.CreateVersion7();

    [Fact]
    public async Task An_admin_reads_a_records_history_newest_first_with_who_did_it()
    {
        await using var host = await TokenTestHost.StartAsync();
        var admin = await host.SeedUserAsync("admin@allsop.example", UserRole.Admin);
        var (_, token) = await host.SeedPersonalTokenAsync(admin);
        await SeedAsync(host, ("listing.created", Listing, admin.Id, 3), ("listing.updated", Listing, admin.Id, 2), ("applicant.updated", Guid.CreateVersion7(), null, 1));

        var (status, body) = await GetAsync(host, token, $"/api/v1/admin/audit?entityType=listing&entityId={Listing}");

        Assert.Equal(HttpStatusCode.OK, status);
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["listing.updated", "listing.created"], items.Select(i => i.GetProperty("action").GetString()));
        Assert.All(items, i => Assert.Equal("admin", i.GetProperty("actorName").GetString()));
        Assert.Equal("B", items[0].GetProperty("data").GetProperty("changes").GetProperty("title")[1].GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task Pages_follow_one_another_and_hold_every_entry_once()
    {
        await using var host = await TokenTestHost.StartAsync();
        var admin = await host.SeedUserAsync("admin@allsop.example", UserRole.Admin);
        var (_, token) = await host.SeedPersonalTokenAsync(admin);
        // Several entries at the same instant: the id breaks the tie, so none is skipped or repeated.
        await SeedAsync(host, Enumerable.Range(0, 23).Select(i => ("listing.updated", Listing, (Guid?)null, i / 4)).ToArray());

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (status, body) = await GetAsync(host, token, $"/api/v1/admin/audit?action=listing.&limit=5{(cursor is null ? "" : "&cursor=" + cursor)}");
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            cursor = body.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(5, pages);
        Assert.Equal(23, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1000", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    [InlineData("entityId=0195a3c2-0000-7000-8000-000000000000", "entityType")]
    public async Task Bad_filters_are_answered_with_the_field_that_is_wrong(string query, string field)
    {
        await using var host = await TokenTestHost.StartAsync();
        var (_, token) = await host.SeedPersonalTokenAsync(await host.SeedUserAsync("admin@allsop.example", UserRole.Admin));

        var (status, body) = await GetAsync(host, token, "/api/v1/admin/audit?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    private static async Task<(HttpStatusCode, JsonElement)> GetAsync(TokenTestHost host, string token, string path)
    {
        using var response = await host.SendAsync(HttpMethod.Get, path, token);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text);
        return (response.StatusCode, json.RootElement.Clone());
    }

    private static async Task SeedAsync(TokenTestHost host, params (string Action, Guid EntityId, Guid? Actor, int MinutesAgo)[] entries)
    {
        await using var db = host.Database.CreatePaceDbContext();
        foreach (var (action, entityId, actor, minutesAgo) in entries)
        {
            db.AuditLog.Add(new AuditEntry
            {
                OccurredAt = host.Clock.Now.AddMinutes(-minutesAgo),
                Action = action,
                EntityType = action[..action.IndexOf('.', StringComparison.Ordinal)],
                EntityId = entityId,
                ActorUserId = actor,
                Data = """{"changes": {"title": ["A", "B"]}}""",
            });
        }

        await db.SaveChangesAsync();
    }
}
