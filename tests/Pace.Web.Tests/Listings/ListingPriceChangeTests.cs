using System.Net;
using Microsoft.EntityFrameworkCore;
using Pace.Listings;
using Pace.Settings;

namespace Pace.Web.Tests.Listings;

/// <summary>A live listing keeps its approved price: a change beyond the threshold waits for the manager.</summary>
public sealed class ListingPriceChangeTests
{
    [Fact]
    public async Task A_change_within_the_threshold_applies_at_once()
    {
        await using var world = await ListingWorld.StartAsync();
        var live = await world.CreateLiveListingAsync();

        var updated = await world.SendAsync("agent", HttpMethod.Patch, $"/api/v1/listings/{live.Id}",
            new { priceMinor = 2_300_000_00L, permitPriceMinor = 2_300_000_00L }, live.ETag);

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal(2_300_000_00L, updated.Body.GetProperty("priceMinor").GetInt64());
        Assert.Equal("live", updated.Text("status"));
        Assert.Empty(updated.Body.GetProperty("pendingApprovals").EnumerateArray());
        await using var db = world.Host.Database.CreatePaceDbContext();
        Assert.True(await db.AuditLog.AnyAsync(a => a.EntityId == live.Id && a.Action == "listing.price_changed"));
    }

    [Fact]
    public async Task A_change_beyond_the_threshold_waits_for_approval_at_the_old_price_and_applies_when_approved()
    {
        await using var world = await ListingWorld.StartAsync();
        var live = await world.CreateLiveListingAsync();

        var requested = await world.SendAsync("agent", HttpMethod.Patch, $"/api/v1/listings/{live.Id}",
            new { priceMinor = 2_000_000_00L, permitPriceMinor = 2_000_000_00L, titleEn = "Reduced: two bedrooms, marina view" }, live.ETag);
        var search = await world.GetAsync("agent2", $"/api/v1/listings?reference={live.Text("reference")}");

        Assert.Equal(HttpStatusCode.OK, requested.Status);
        Assert.Equal(2_500_000_00L, requested.Body.GetProperty("priceMinor").GetInt64());
        Assert.Equal("Reduced: two bedrooms, marina view", requested.Text("titleEn"));
        Assert.Equal("live", requested.Text("status"));
        var pending = Assert.Single(requested.Body.GetProperty("pendingApprovals").EnumerateArray());
        Assert.Equal("price_change", pending.GetProperty("kind").GetString());
        Assert.Equal(2_500_000_00L, pending.GetProperty("previousPriceMinor").GetInt64());
        Assert.Equal(2_000_000_00L, pending.GetProperty("requestedPriceMinor").GetInt64());
        Assert.Equal(2_500_000_00L, search.Body.GetProperty("items")[0].GetProperty("priceMinor").GetInt64());

        var byAgent = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/approvals/{pending.GetProperty("id").GetGuid()}/approve");
        var approved = await world.SendAsync("manager", HttpMethod.Post, $"/api/v1/listings/approvals/{pending.GetProperty("id").GetGuid()}/approve");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, byAgent.Status);
        Assert.Equal(HttpStatusCode.OK, approved.Status);
        Assert.Equal(2_000_000_00L, approved.Body.GetProperty("priceMinor").GetInt64());
        Assert.Empty(approved.Body.GetProperty("complianceProblems").EnumerateArray());
        await using var db = world.Host.Database.CreatePaceDbContext();
        var actions = await db.AuditLog.Where(a => a.EntityId == live.Id).Select(a => a.Action).ToListAsync();
        Assert.Contains("listing.price_change_requested", actions);
        Assert.Contains("listing.price_change_approved", actions);
        var change = await db.Activities.SingleAsync(a => a.ListingId == live.Id && a.Subject == "Price changed");
        using var data = System.Text.Json.JsonDocument.Parse(change.Data!);
        Assert.Equal(2_500_000_00L, data.RootElement.GetProperty("from").GetInt64());
        Assert.Equal(2_000_000_00L, data.RootElement.GetProperty("to").GetInt64());
    }

    [Fact]
    public async Task A_rejected_price_change_leaves_the_price_and_a_newer_request_replaces_a_pending_one()
    {
        await using var world = await ListingWorld.StartAsync();
        var live = await world.CreateLiveListingAsync();
        var path = $"/api/v1/listings/{live.Id}";

        var first = await world.SendAsync("agent", HttpMethod.Patch, path, new { priceMinor = 3_000_000_00L, permitPriceMinor = 3_000_000_00L }, live.ETag);
        var second = await world.SendAsync("agent", HttpMethod.Patch, path, new { priceMinor = 3_100_000_00L, permitPriceMinor = 3_100_000_00L }, first.ETag);
        var pending = Assert.Single(second.Body.GetProperty("pendingApprovals").EnumerateArray());
        var rejected = await world.SendAsync("manager", HttpMethod.Post, $"/api/v1/listings/approvals/{pending.GetProperty("id").GetGuid()}/reject",
            new { reason = "Too far above the last transaction in the building." });

        Assert.Equal(3_100_000_00L, pending.GetProperty("requestedPriceMinor").GetInt64());
        Assert.Equal(HttpStatusCode.OK, rejected.Status);
        Assert.Equal(2_500_000_00L, rejected.Body.GetProperty("priceMinor").GetInt64());
        Assert.Equal("live", rejected.Text("status"));
        await using var db = world.Host.Database.CreatePaceDbContext();
        var decisions = await db.ListingApprovals.Where(a => a.ListingId == live.Id && a.Kind == ApprovalKind.PriceChange)
            .OrderBy(a => a.RequestedPriceMinor).Select(a => a.Decision).ToListAsync();
        Assert.Equal([ApprovalDecision.Cancelled, ApprovalDecision.Rejected], decisions);
    }

    [Fact]
    public async Task A_live_listing_cannot_take_a_price_its_permit_does_not_show()
    {
        await using var world = await ListingWorld.StartAsync();
        var live = await world.CreateLiveListingAsync();

        var small = await world.SendAsync("agent", HttpMethod.Patch, $"/api/v1/listings/{live.Id}", new { priceMinor = 2_400_000_00L }, live.ETag);
        var size = await world.SendAsync("agent", HttpMethod.Patch, $"/api/v1/listings/{live.Id}", new { sizeSqft = 1_300m }, live.ETag);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, small.Status);
        Assert.Equal([ListingCompliance.PermitPriceMismatch], small.ProblemCodes);
        Assert.Equal([ListingCompliance.PermitSizeMismatch], size.ProblemCodes);
        Assert.Equal(2_500_000_00L, (await world.GetAsync("agent", $"/api/v1/listings/{live.Id}")).Body.GetProperty("priceMinor").GetInt64());
    }

    [Fact]
    public async Task The_threshold_is_a_setting()
    {
        await using var world = await ListingWorld.StartAsync();
        await using (var db = world.Host.Database.CreatePaceDbContext())
        {
            db.Settings.Add(new Setting { Key = PriceChangePolicy.SettingKey, Value = "25", UpdatedAt = world.Host.Clock.Now });
            await db.SaveChangesAsync();
        }

        var live = await world.CreateLiveListingAsync();

        var updated = await world.SendAsync("agent", HttpMethod.Patch, $"/api/v1/listings/{live.Id}",
            new { priceMinor = 2_000_000_00L, permitPriceMinor = 2_000_000_00L }, live.ETag);

        Assert.Equal(2_000_000_00L, updated.Body.GetProperty("priceMinor").GetInt64());
        Assert.Empty(updated.Body.GetProperty("pendingApprovals").EnumerateArray());
    }
}
