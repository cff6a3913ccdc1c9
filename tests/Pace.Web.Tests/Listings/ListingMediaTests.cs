using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pace.Web.Listings;

namespace Pace.Web.Tests.Listings;

/// <summary>Media by URL in display order, and listings coming off the market when their permit runs out.</summary>
public sealed class ListingMediaTests
{
    [Fact]
    public async Task Media_are_added_at_the_end_reordered_and_removed_and_the_first_image_is_the_cover()
    {
        await using var world = await ListingWorld.StartAsync();
        var listing = await world.CreateListingAsync("agent");
        var media = $"/api/v1/listings/{listing.Id}/media";

        var tour = await world.SendAsync("agent", HttpMethod.Post, media, new { kind = "tour360", url = "https://tours.example/123/" });
        var living = await world.SendAsync("agent", HttpMethod.Post, media, new { kind = "image", url = "https://cdn.example/living.jpg", caption = "Living room" });
        var plan = await world.SendAsync("agent", HttpMethod.Post, media, new { kind = "floor_plan", url = "https://cdn.example/plan.png" });
        var view = await world.SendAsync("agent", HttpMethod.Post, media, new { kind = "image", url = "https://cdn.example/view.jpg" });

        Assert.Equal(HttpStatusCode.Created, tour.Status);
        Assert.Equal([0, 1, 2, 3], new[] { tour, living, plan, view }.Select(m => m.Body.GetProperty("sortOrder").GetInt32()));

        var reordered = await world.SendAsync("agent", HttpMethod.Put, $"{media}/order", new { mediaIds = new[] { view.Id, living.Id, plan.Id, tour.Id } });
        Assert.Equal(HttpStatusCode.OK, reordered.Status);
        Assert.Equal([view.Id, living.Id, plan.Id, tour.Id], reordered.Body.EnumerateArray().Select(m => m.GetProperty("id").GetGuid()));

        var removed = await world.SendAsync("agent", HttpMethod.Delete, $"{media}/{view.Id}");
        var removedAgain = await world.SendAsync("agent", HttpMethod.Delete, $"{media}/{view.Id}");
        var read = await world.GetAsync("agent", $"/api/v1/listings/{listing.Id}");
        var found = await world.GetAsync("agent", $"/api/v1/listings?reference={listing.Text("reference")}");

        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        Assert.Equal(HttpStatusCode.NotFound, removedAgain.Status);
        Assert.Equal(["image", "floor_plan", "tour360"], read.Body.GetProperty("media").EnumerateArray().Select(m => m.GetProperty("kind").GetString()));
        Assert.Equal("Living room", read.Body.GetProperty("media")[0].GetProperty("caption").GetString());
        Assert.Equal("https://cdn.example/living.jpg", found.Body.GetProperty("items")[0].GetProperty("imageUrl").GetString());
    }

    [Fact]
    public async Task Bad_media_is_refused_by_field()
    {
        await using var world = await ListingWorld.StartAsync();
        var listing = await world.CreateListingAsync("agent");
        var media = $"/api/v1/listings/{listing.Id}/media";
        var one = await world.SendAsync("agent", HttpMethod.Post, media, new { kind = "image", url = "https://cdn.example/1.jpg" });

        var bad = await world.SendAsync("agent", HttpMethod.Post, media, new { kind = "hologram", url = "ftp://cdn.example/1.jpg", caption = new string('c', 301) });
        var relative = await world.SendAsync("agent", HttpMethod.Post, media, new { kind = "video", url = "/videos/1.mp4" });
        var incomplete = await world.SendAsync("agent", HttpMethod.Put, $"{media}/order", new { mediaIds = Array.Empty<Guid>() });
        var foreign = await world.SendAsync("agent", HttpMethod.Put, $"{media}/order", new { mediaIds = new[] { one.Id, Guid.NewGuid() } });
        var twice = await world.SendAsync("agent", HttpMethod.Put, $"{media}/order", new { mediaIds = new[] { one.Id, one.Id } });

        Assert.Equal(["caption", "kind", "url"], bad.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("image, floor_plan, video, tour360", bad.Errors["kind"], StringComparison.Ordinal);
        Assert.Equal(["url"], relative.Errors.Keys);
        Assert.Contains("missing", incomplete.Errors["mediaIds"], StringComparison.Ordinal);
        Assert.Contains("not of this listing", foreign.Errors["mediaIds"], StringComparison.Ordinal);
        Assert.Equal(["mediaIds"], twice.Errors.Keys);
    }

    [Fact]
    public async Task A_live_listing_whose_permit_ran_out_expires_and_is_relisted_as_a_draft()
    {
        await using var world = await ListingWorld.StartAsync();
        var expiring = await world.CreateLiveListingAsync(("permitExpiresOn", world.Today.AddDays(2)));
        var current = await world.CreateLiveListingAsync();
        var job = world.Host.Services.GetRequiredService<ListingExpiryJob>();

        Assert.Equal(0, await job.RunOnceAsync(CancellationToken.None));
        world.Host.Clock.Advance(TimeSpan.FromDays(3));
        var expired = await job.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, expired);
        var read = await world.GetAsync("agent", $"/api/v1/listings/{expiring.Id}");
        Assert.Equal("expired", read.Text("status"));
        Assert.Equal("live", (await world.GetAsync("agent", $"/api/v1/listings/{current.Id}")).Text("status"));
        Assert.Equal(HttpStatusCode.NotFound, (await world.GetAsync("agent2", $"/api/v1/listings/{expiring.Id}")).Status);
        await using (var db = world.Host.Database.CreatePaceDbContext())
        {
            var entry = await db.Activities.Where(a => a.ListingId == expiring.Id).OrderByDescending(a => a.OccurredAt).FirstAsync();
            Assert.Contains("The advertising permit 7116777484 expired on", entry.Body, StringComparison.Ordinal);
            Assert.Null(entry.UserId);
            Assert.True(await db.AuditLog.AnyAsync(a => a.EntityId == expiring.Id && a.Action == "listing.expired" && a.ActorClient == "system"));
        }

        var relisted = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{expiring.Id}/relist");
        Assert.Equal("draft", relisted.Text("status"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, relisted.Body.GetProperty("publishedAt").ValueKind);
    }
}
