using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pace.Listings;

namespace Pace.Web.Tests.Listings;

/// <summary>Going live: submit, the manager's approval queue, approve, reject with a reason; who may decide.</summary>
public sealed class ListingApprovalTests
{
    [Fact]
    public async Task Submitted_listing_waits_in_the_managers_queue_and_goes_live_when_approved()
    {
        await using var world = await ListingWorld.StartAsync();
        var created = await world.CreateListingAsync("agent");
        world.Host.Clock.Advance(TimeSpan.FromMinutes(5));

        var submitted = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{created.Id}/submit");
        var queue = await world.GetAsync("manager", "/api/v1/listings/approvals");
        var otherQueue = await world.GetAsync("manager2", "/api/v1/listings/approvals");
        world.Host.Clock.Advance(TimeSpan.FromMinutes(30));
        var approved = await world.SendAsync("manager", HttpMethod.Post, $"/api/v1/listings/approvals/{ListingWorld.PendingApprovalId(submitted)}/approve");

        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        Assert.Equal("pending_approval", submitted.Text("status"));
        var pending = submitted.Body.GetProperty("pendingApprovals")[0];
        Assert.Equal("go_live", pending.GetProperty("kind").GetString());
        Assert.False(pending.GetProperty("mayDecide").GetBoolean());
        var item = Assert.Single(queue.Body.GetProperty("items").EnumerateArray());
        Assert.Equal(created.Text("reference"), item.GetProperty("listingReference").GetString());
        Assert.True(item.GetProperty("mayDecide").GetBoolean());
        Assert.Equal("agent", item.GetProperty("requestedByName").GetString());
        Assert.Empty(otherQueue.Body.GetProperty("items").EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, approved.Status);
        Assert.Equal("live", approved.Text("status"));
        // PostgreSQL keeps microseconds.
        Assert.Equal(world.Host.Clock.Now, approved.Body.GetProperty("publishedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Empty(approved.Body.GetProperty("pendingApprovals").EnumerateArray());
        Assert.Empty((await world.GetAsync("manager", "/api/v1/listings/approvals")).Body.GetProperty("items").EnumerateArray());

        await using var db = world.Host.Database.CreatePaceDbContext();
        var approval = await db.ListingApprovals.SingleAsync(a => a.ListingId == created.Id);
        Assert.Equal(ApprovalDecision.Approved, approval.Decision);
        Assert.Equal(world.User("manager").Id, approval.DecidedById);
        var timeline = await db.Activities.Where(a => a.ListingId == created.Id).OrderBy(a => a.OccurredAt).ThenBy(a => a.Id).ToListAsync();
        Assert.Equal(["Listing created", "Status changed", "Status changed"], timeline.Select(a => a.Subject));
        using var data = JsonDocument.Parse(timeline[2].Data!);
        Assert.Equal("pending_approval", data.RootElement.GetProperty("from").GetString());
        Assert.Equal("live", data.RootElement.GetProperty("to").GetString());
        Assert.Equal(world.User("manager").Id, timeline[2].UserId);
        var audit = await db.AuditLog.Where(a => a.EntityId == created.Id).Select(a => a.Action).ToListAsync();
        Assert.Contains("listing.submitted", audit);
        Assert.Contains("listing.approved", audit);
    }

    [Fact]
    public async Task Rejected_listing_goes_back_to_draft_with_the_reason_which_is_required()
    {
        await using var world = await ListingWorld.StartAsync();
        var created = await world.CreateListingAsync("agent");
        var submitted = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{created.Id}/submit");
        var approvalId = ListingWorld.PendingApprovalId(submitted);

        var noReason = await world.SendAsync("manager", HttpMethod.Post, $"/api/v1/listings/approvals/{approvalId}/reject", new { reason = " " });
        var rejected = await world.SendAsync("manager", HttpMethod.Post, $"/api/v1/listings/approvals/{approvalId}/reject", new { reason = "Photos are too dark." });
        var again = await world.SendAsync("manager", HttpMethod.Post, $"/api/v1/listings/approvals/{approvalId}/approve");
        var resubmitted = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{created.Id}/submit");

        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.Equal(["reason"], noReason.Errors.Keys);
        Assert.Equal(HttpStatusCode.OK, rejected.Status);
        Assert.Equal("draft", rejected.Text("status"));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("Photos are too dark.", again.Text("detail"), StringComparison.Ordinal);
        Assert.Equal("pending_approval", resubmitted.Text("status"));
        await using var db = world.Host.Database.CreatePaceDbContext();
        var approval = await db.ListingApprovals.SingleAsync(a => a.Id == approvalId);
        Assert.Equal(ApprovalDecision.Rejected, approval.Decision);
        Assert.Equal("Photos are too dark.", approval.Reason);
        Assert.True(await db.Activities.AnyAsync(a => a.ListingId == created.Id && a.Body!.Contains("Rejected by the manager: Photos are too dark.")));
        Assert.True(await db.AuditLog.AnyAsync(a => a.EntityId == created.Id && a.Action == "listing.rejected"));
    }

    [Fact]
    public async Task Only_the_agents_team_manager_or_an_admin_decides_and_others_do_not_see_the_approval()
    {
        await using var world = await ListingWorld.StartAsync();
        var created = await world.CreateListingAsync("agent");
        var approvalId = ListingWorld.PendingApprovalId(await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{created.Id}/submit"));
        var approve = $"/api/v1/listings/approvals/{approvalId}/approve";

        var byOwnAgent = await world.SendAsync("agent", HttpMethod.Post, approve);
        var byColleague = await world.SendAsync("colleague", HttpMethod.Post, approve);
        var byOtherAgent = await world.SendAsync("agent2", HttpMethod.Post, approve);
        var byOtherManager = await world.SendAsync("manager2", HttpMethod.Post, approve);
        var rejectByOtherAgent = await world.SendAsync("agent2", HttpMethod.Post, $"/api/v1/listings/approvals/{approvalId}/reject", new { reason = "No" });
        var unknown = await world.SendAsync("manager", HttpMethod.Post, $"/api/v1/listings/approvals/{Guid.NewGuid()}/approve");
        var byAdmin = await world.SendAsync("admin", HttpMethod.Post, approve);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, byOwnAgent.Status);
        Assert.Contains("manager", byOwnAgent.Text("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, byColleague.Status);
        Assert.Equal(HttpStatusCode.NotFound, byOtherAgent.Status);
        Assert.Equal(HttpStatusCode.NotFound, byOtherManager.Status);
        Assert.Equal(HttpStatusCode.NotFound, rejectByOtherAgent.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(HttpStatusCode.OK, byAdmin.Status);
        Assert.Equal("live", byAdmin.Text("status"));
    }

    [Fact]
    public async Task A_managers_own_listing_is_approved_by_an_admin_not_by_the_manager()
    {
        await using var world = await ListingWorld.StartAsync();
        var created = await world.CreateListingAsync("manager", ("ownerId", null));
        var approvalId = ListingWorld.PendingApprovalId(await world.SendAsync("manager", HttpMethod.Post, $"/api/v1/listings/{created.Id}/submit"));

        var byManager = await world.SendAsync("manager", HttpMethod.Post, $"/api/v1/listings/approvals/{approvalId}/approve");
        var byAdmin = await world.SendAsync("admin", HttpMethod.Post, $"/api/v1/listings/approvals/{approvalId}/approve");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, byManager.Status);
        Assert.Equal("Nobody decides their own request: an admin decides it.", byManager.Text("detail"));
        Assert.Equal(HttpStatusCode.OK, byAdmin.Status);
    }

    [Fact]
    public async Task The_approval_queue_is_paged_by_keyset_without_overlap_and_an_admin_sees_every_team()
    {
        await using var world = await ListingWorld.StartAsync();
        var marina = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var created = await world.CreateListingAsync(i == 1 ? "colleague" : "agent", ("ownerId", null));
            await world.SendAsync(i == 1 ? "colleague" : "agent", HttpMethod.Post, $"/api/v1/listings/{created.Id}/submit");
            marina.Add(created.Text("reference")!);
            world.Host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var downtown = await world.CreateListingAsync("agent2", ("locationId", world.BurjViews), ("ownerId", null));
        await world.SendAsync("agent2", HttpMethod.Post, $"/api/v1/listings/{downtown.Id}/submit");

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await world.GetAsync("manager", "/api/v1/listings/approvals?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            seen.AddRange(page.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("listingReference").GetString()!));
            cursor = page.Text("nextCursor");
        }
        while (cursor is not null);

        var all = await world.GetAsync("admin", "/api/v1/listings/approvals?limit=200");
        var agentsOwn = await world.GetAsync("agent", "/api/v1/listings/approvals");
        var badCursor = await world.GetAsync("manager", "/api/v1/listings/approvals?cursor=nonsense&limit=500");

        Assert.Equal(marina, seen);
        Assert.Equal(4, all.Body.GetProperty("items").GetArrayLength());
        Assert.Equal(2, agentsOwn.Body.GetProperty("items").GetArrayLength());
        Assert.All(agentsOwn.Body.GetProperty("items").EnumerateArray(), i => Assert.False(i.GetProperty("mayDecide").GetBoolean()));
        Assert.Equal(["cursor", "limit"], badCursor.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Illegal_moves_are_refused_naming_the_two_statuses()
    {
        await using var world = await ListingWorld.StartAsync();
        var live = await world.CreateLiveListingAsync();
        var draft = await world.CreateListingAsync("agent");

        var submitLive = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{live.Id}/submit");
        var relistDraft = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{draft.Id}/relist");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, submitLive.Status);
        Assert.Equal("live", submitLive.Text("from"));
        Assert.Equal("pending_approval", submitLive.Text("to"));
        Assert.Equal("A listing cannot go from live to pending approval.", submitLive.Text("detail"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, relistDraft.Status);
        Assert.Equal("draft", relistDraft.Text("from"));
        Assert.Equal("draft", relistDraft.Text("to"));
    }

    [Fact]
    public async Task Withdrawing_cancels_the_pending_approval_and_a_withdrawn_listing_is_relisted_as_a_draft()
    {
        await using var world = await ListingWorld.StartAsync();
        var created = await world.CreateListingAsync("agent");
        var approvalId = ListingWorld.PendingApprovalId(await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{created.Id}/submit"));

        var withdrawn = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{created.Id}/withdraw", new { reason = "Owner changed their mind." });
        var approveLate = await world.SendAsync("manager", HttpMethod.Post, $"/api/v1/listings/approvals/{approvalId}/approve");
        var withdrawAgain = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{created.Id}/withdraw");
        var relisted = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{created.Id}/relist");

        Assert.Equal("withdrawn", withdrawn.Text("status"));
        Assert.Equal(HttpStatusCode.Conflict, approveLate.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withdrawAgain.Status);
        Assert.Equal("draft", relisted.Text("status"));
        await using var db = world.Host.Database.CreatePaceDbContext();
        Assert.Equal(ApprovalDecision.Cancelled, (await db.ListingApprovals.SingleAsync(a => a.Id == approvalId)).Decision);
        Assert.True(await db.Activities.AnyAsync(a => a.ListingId == created.Id && a.Body!.Contains("Reason: Owner changed their mind.")));
        Assert.True(await db.AuditLog.AnyAsync(a => a.EntityId == created.Id && a.Action == "listing.relisted"));
    }
}
