using System.Net;
using Microsoft.EntityFrameworkCore;
using Pace.Activities;
using Pace.Applicants;
using Pace.Listings;
using Pace.Viewings;
using Pace.Web.Tests.Crm;

namespace Pace.Web.Tests.Viewings;

/// <summary>Booking, rescheduling and ending viewings through HTTP, against the double-booking and status rules.</summary>
public sealed class ViewingsApiTests
{
    [Fact]
    public async Task An_agent_books_a_viewing_of_half_an_hour_by_default_and_it_goes_on_the_timeline()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent);
        var applicant = await world.SeedApplicantAsync(world.Agent);
        var start = world.Tomorrow(10);

        var booked = await world.PostAsync(world.Agent, "/api/v1/viewings", new { listingId = listing, applicantId = applicant, startsAt = start, notes = "Meet at the lobby" });

        Assert.Equal(HttpStatusCode.Created, booked.Status);
        Assert.NotNull(booked.ETag);
        var viewing = booked.Body.GetProperty("viewing");
        Assert.Equal(world.Agent.Id, viewing.GetProperty("agentId").GetGuid());
        Assert.Equal(start, viewing.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(start.AddMinutes(30), viewing.GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal("scheduled", viewing.GetProperty("status").GetString());
        Assert.Equal("Layla Hassan", viewing.GetProperty("applicantName").GetString());
        Assert.Equal("Meet at the lobby", viewing.GetProperty("notes").GetString());
        Assert.Equal(0, booked.Body.GetProperty("warnings").GetArrayLength());
        var id = viewing.GetProperty("id").GetGuid();
        var read = await world.GetAsync(world.Agent, $"/api/v1/viewings/{id}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(booked.ETag, read.ETag);
        var entries = await world.ReadAsync(db => db.Activities.Where(a => a.ViewingId == id).ToListAsync());
        var entry = Assert.Single(entries);
        Assert.Equal(ActivityKind.Viewing, entry.Kind);
        Assert.Equal(applicant, entry.ApplicantId);
        Assert.Equal(listing, entry.ListingId);
    }

    [Fact]
    public async Task Double_booking_the_agent_is_refused_naming_the_clashing_viewing_while_back_to_back_and_cancelled_ones_do_not_clash()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent);
        var other = await world.SeedListingAsync(world.Teammate);
        var applicant = await world.SeedApplicantAsync(world.Agent);
        var first = await world.PostAsync(world.Agent, "/api/v1/viewings", new { listingId = listing, applicantId = applicant, startsAt = world.Tomorrow(10), durationMinutes = 60 });
        var firstId = first.Body.GetProperty("viewing").GetProperty("id").GetGuid();

        var clash = await world.PostAsync(world.Agent, "/api/v1/viewings", new { listingId = other, applicantId = applicant, startsAt = world.Tomorrow(10, 30) });
        var backToBack = await world.PostAsync(world.Agent, "/api/v1/viewings", new { listingId = other, applicantId = applicant, startsAt = world.Tomorrow(11) });
        var cancelled = await world.PostAsync(world.Agent, "/api/v1/viewings", new { listingId = other, applicantId = applicant, startsAt = world.Tomorrow(14) });
        await world.PostAsync(world.Agent, $"/api/v1/viewings/{cancelled.Body.GetProperty("viewing").GetProperty("id").GetGuid()}/cancel", new { reason = "Client travelling" });
        var intoTheCancelledSlot = await world.PostAsync(world.Agent, "/api/v1/viewings", new { listingId = other, applicantId = applicant, startsAt = world.Tomorrow(14) });
        var teammateMeanwhile = await world.PostAsync(world.Teammate, "/api/v1/viewings",
            new { listingId = other, applicantId = await world.SeedApplicantAsync(world.Teammate), startsAt = world.Tomorrow(10, 30) });

        Assert.Equal(HttpStatusCode.Conflict, clash.Status);
        Assert.Equal(firstId, clash.Body.GetProperty("clashingViewingId").GetGuid());
        Assert.Equal(world.Tomorrow(10), clash.Body.GetProperty("clashStartsAt").GetDateTimeOffset());
        Assert.Contains(firstId.ToString(), clash.Text("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, backToBack.Status);
        Assert.Equal(HttpStatusCode.Created, intoTheCancelledSlot.Status);
        Assert.Equal(HttpStatusCode.Created, teammateMeanwhile.Status);
    }

    [Fact]
    public async Task Bookings_racing_for_one_slot_of_an_agent_make_exactly_one_viewing()
    {
        await using var world = await CrmWorld.StartAsync();
        var applicant = await world.SeedApplicantAsync(world.Agent);
        var listings = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            listings.Add(await world.SeedListingAsync(world.Agent));
        }

        // Eight different listings, eight overlapping periods: every pair clashes on the agent.
        var answers = await Task.WhenAll(listings.Select((listing, i) =>
            world.PostAsync(world.Agent, "/api/v1/viewings", new { listingId = listing, applicantId = applicant, startsAt = world.Tomorrow(10, i * 5), durationMinutes = 45 })));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));
        Assert.Equal(1, await world.ReadAsync(db => db.Viewings.CountAsync(v => v.AgentId == world.Agent.Id)));
    }

    [Fact]
    public async Task Another_viewing_of_the_listing_at_the_same_time_is_a_warning_not_a_refusal()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent);
        var first = await world.PostAsync(world.Agent, "/api/v1/viewings",
            new { listingId = listing, applicantId = await world.SeedApplicantAsync(world.Agent), startsAt = world.Tomorrow(10) });

        var second = await world.PostAsync(world.OtherAgent, "/api/v1/viewings",
            new { listingId = listing, applicantId = await world.SeedApplicantAsync(world.OtherAgent, firstName: "Omar"), startsAt = world.Tomorrow(10, 15) });

        Assert.Equal(HttpStatusCode.Created, second.Status);
        var warning = Assert.Single(second.Body.GetProperty("warnings").EnumerateArray());
        Assert.Equal(first.Body.GetProperty("viewing").GetProperty("id").GetGuid(), warning.GetProperty("viewingId").GetGuid());
        Assert.Equal("listing_viewing_overlaps", warning.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Rescheduling_needs_the_ETag_and_into_a_clash_is_refused_and_a_confirmed_viewing_needs_confirming_again()
    {
        await using var world = await CrmWorld.StartAsync();
        var applicant = await world.SeedApplicantAsync(world.Agent);
        var listing = await world.SeedListingAsync(world.Agent);
        var busy = await world.PostAsync(world.Agent, "/api/v1/viewings", new { listingId = listing, applicantId = applicant, startsAt = world.Tomorrow(12) });
        var booked = await world.PostAsync(world.Agent, "/api/v1/viewings", new { listingId = listing, applicantId = applicant, startsAt = world.Tomorrow(10), durationMinutes = 45 });
        var id = booked.Body.GetProperty("viewing").GetProperty("id").GetGuid();
        var confirmed = await world.PostAsync(world.Agent, $"/api/v1/viewings/{id}/confirm");

        var withoutTag = await world.PatchAsync(world.Agent, $"/api/v1/viewings/{id}", new { startsAt = world.Tomorrow(16) }, ifMatch: null);
        var stale = await world.PatchAsync(world.Agent, $"/api/v1/viewings/{id}", new { startsAt = world.Tomorrow(16) }, booked.ETag);
        var intoClash = await world.PatchAsync(world.Agent, $"/api/v1/viewings/{id}", new { startsAt = world.Tomorrow(11, 30) }, confirmed.ETag);
        var moved = await world.PatchAsync(world.Agent, $"/api/v1/viewings/{id}", new { startsAt = world.Tomorrow(16) }, confirmed.ETag);

        Assert.Equal("confirmed", confirmed.Text("status"));
        Assert.Equal(HttpStatusCode.PreconditionRequired, withoutTag.Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal(HttpStatusCode.Conflict, intoClash.Status);
        Assert.Equal(busy.Body.GetProperty("viewing").GetProperty("id").GetGuid(), intoClash.Body.GetProperty("clashingViewingId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, moved.Status);
        var viewing = moved.Body.GetProperty("viewing");
        Assert.Equal(world.Tomorrow(16), viewing.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(world.Tomorrow(16, 45), viewing.GetProperty("endsAt").GetDateTimeOffset());
        Assert.Equal("scheduled", viewing.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_completed_viewing_moves_the_applicant_forward_to_Viewing_but_never_back()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent);
        var qualified = await world.SeedApplicantAsync(world.Agent, ApplicantStage.Qualified);
        var offering = await world.SeedApplicantAsync(world.Agent, ApplicantStage.Offer, "Omar");
        var first = await world.PostAsync(world.Agent, "/api/v1/viewings", new { listingId = listing, applicantId = qualified, startsAt = world.Tomorrow(10) });
        var second = await world.PostAsync(world.Agent, "/api/v1/viewings", new { listingId = listing, applicantId = offering, startsAt = world.Tomorrow(11) });
        world.Host.Clock.Advance(world.Tomorrow(12) - world.Now);

        var completed = await world.PostAsync(world.Agent, $"/api/v1/viewings/{first.Body.GetProperty("viewing").GetProperty("id").GetGuid()}/complete",
            new { feedback = "Loved the view, worried about the service charge.", rating = 4 });
        await world.PostAsync(world.Agent, $"/api/v1/viewings/{second.Body.GetProperty("viewing").GetProperty("id").GetGuid()}/complete", new { rating = 2 });

        Assert.Equal(HttpStatusCode.OK, completed.Status);
        Assert.Equal("completed", completed.Text("status"));
        Assert.Equal(4, completed.Body.GetProperty("rating").GetInt32());
        var applicants = await world.ReadAsync(db => db.Applicants.Where(a => a.Id == qualified || a.Id == offering).ToDictionaryAsync(a => a.Id));
        Assert.Equal(ApplicantStage.Viewing, applicants[qualified].Stage);
        Assert.Equal(world.Now, applicants[qualified].StageChangedAt);
        Assert.Equal(ApplicantStage.Offer, applicants[offering].Stage);
        var stageChanges = await world.ReadAsync(db => db.Activities.Where(a => a.Kind == ActivityKind.StageChange).ToListAsync());
        var change = Assert.Single(stageChanges);
        Assert.Equal(qualified, change.ApplicantId);
        using var data = System.Text.Json.JsonDocument.Parse(change.Data!);
        Assert.Equal("qualified", data.RootElement.GetProperty("from").GetString());
        Assert.Equal("viewing", data.RootElement.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Illegal_status_changes_are_refused_with_422()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent);
        var applicant = await world.SeedApplicantAsync(world.Agent);
        var id = (await world.PostAsync(world.Agent, "/api/v1/viewings", new { listingId = listing, applicantId = applicant, startsAt = world.Tomorrow(10) }))
            .Body.GetProperty("viewing").GetProperty("id").GetGuid();
        var cancelledId = (await world.PostAsync(world.Agent, "/api/v1/viewings", new { listingId = listing, applicantId = applicant, startsAt = world.Tomorrow(15) }))
            .Body.GetProperty("viewing").GetProperty("id").GetGuid();

        var completeBeforeStart = await world.PostAsync(world.Agent, $"/api/v1/viewings/{id}/complete", new { rating = 3 });
        var noShowBeforeStart = await world.PostAsync(world.Agent, $"/api/v1/viewings/{id}/no-show");
        await world.PostAsync(world.Agent, $"/api/v1/viewings/{id}/confirm");
        var confirmTwice = await world.PostAsync(world.Agent, $"/api/v1/viewings/{id}/confirm");
        await world.PostAsync(world.Agent, $"/api/v1/viewings/{cancelledId}/cancel", new { reason = "Client unwell" });
        var confirmCancelled = await world.PostAsync(world.Agent, $"/api/v1/viewings/{cancelledId}/confirm");
        var rescheduleCancelled = await world.PatchAsync(world.Agent, $"/api/v1/viewings/{cancelledId}", new { startsAt = world.Tomorrow(17) },
            (await world.GetAsync(world.Agent, $"/api/v1/viewings/{cancelledId}")).ETag);
        world.Host.Clock.Advance(world.Tomorrow(11) - world.Now);
        var completed = await world.PostAsync(world.Agent, $"/api/v1/viewings/{id}/complete");
        var noShowAfterCompleted = await world.PostAsync(world.Agent, $"/api/v1/viewings/{id}/no-show");
        var cancelCompleted = await world.PostAsync(world.Agent, $"/api/v1/viewings/{id}/cancel", new { reason = "Too late" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, completeBeforeStart.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noShowBeforeStart.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, confirmTwice.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, confirmCancelled.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rescheduleCancelled.Status);
        Assert.Equal(HttpStatusCode.OK, completed.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noShowAfterCompleted.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, cancelCompleted.Status);
        Assert.Equal(ViewingStatus.Completed, await world.ReadAsync(db => db.Viewings.Where(v => v.Id == id).Select(v => v.Status).SingleAsync()));
    }

    [Fact]
    public async Task Invalid_bookings_are_answered_400_naming_the_field()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent);
        var applicant = await world.SeedApplicantAsync(world.Agent);
        var othersDraft = await world.SeedListingAsync(world.OtherAgent, ListingStatus.Draft);
        var othersApplicant = await world.SeedApplicantAsync(world.OtherAgent);
        var sold = await world.SeedListingAsync(world.Agent, ListingStatus.Sold);

        var missing = await world.PostAsync(world.Agent, "/api/v1/viewings", new { notes = "x" });
        var both = await world.PostAsync(world.Agent, "/api/v1/viewings",
            new { listingId = listing, applicantId = applicant, startsAt = world.Tomorrow(10), endsAt = world.Tomorrow(11), durationMinutes = 60 });
        var tooLong = await world.PostAsync(world.Agent, "/api/v1/viewings", new { listingId = listing, applicantId = applicant, startsAt = world.Tomorrow(10), endsAt = world.Tomorrow(20) });
        var hidden = await world.PostAsync(world.Agent, "/api/v1/viewings", new { listingId = othersDraft, applicantId = othersApplicant, startsAt = world.Tomorrow(10) });
        var forAnotherAgent = await world.PostAsync(world.Agent, "/api/v1/viewings",
            new { listingId = listing, applicantId = applicant, agentId = world.Teammate.Id, startsAt = world.Tomorrow(10) });
        var offTheMarket = await world.PostAsync(world.Agent, "/api/v1/viewings", new { listingId = sold, applicantId = applicant, startsAt = world.Tomorrow(10) });
        var id = (await world.PostAsync(world.Agent, "/api/v1/viewings", new { listingId = listing, applicantId = applicant, startsAt = world.Tomorrow(10) }))
            .Body.GetProperty("viewing").GetProperty("id").GetGuid();
        var badRating = await world.PostAsync(world.Agent, $"/api/v1/viewings/{id}/complete", new { rating = 6 });
        var noReason = await world.PostAsync(world.Agent, $"/api/v1/viewings/{id}/cancel", new { reason = " " });
        var longRange = await world.GetAsync(world.Agent, $"/api/v1/viewings?from={Uri.EscapeDataString(world.Tomorrow(0).ToString("O"))}&to={Uri.EscapeDataString(world.Tomorrow(0).AddDays(63).ToString("O"))}");

        Assert.Equal(["applicantId", "listingId", "startsAt"], missing.ErrorFields.Order().ToList());
        Assert.Equal(["durationMinutes"], both.ErrorFields);
        Assert.Equal(["endsAt"], tooLong.ErrorFields);
        Assert.Equal(["applicantId", "listingId"], hidden.ErrorFields.Order().ToList());
        Assert.Equal(["agentId"], forAnotherAgent.ErrorFields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, offTheMarket.Status);
        Assert.Equal(["rating"], badRating.ErrorFields);
        Assert.Equal(["reason"], noReason.ErrorFields);
        Assert.Equal(["to"], longRange.ErrorFields);
    }

    [Fact]
    public async Task The_calendar_lists_an_agents_viewings_by_start_in_keyset_pages_for_them_their_manager_and_admins_only()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Teammate);
        var applicant = await world.SeedApplicantAsync(world.Teammate);
        var starts = new[] { world.Tomorrow(15), world.Tomorrow(9), world.Tomorrow(12), world.Tomorrow(0).AddDays(3).AddHours(10), world.Tomorrow(0).AddDays(20) };
        foreach (var start in starts)
        {
            Assert.Equal(HttpStatusCode.Created,
                (await world.PostAsync(world.Teammate, "/api/v1/viewings", new { listingId = listing, applicantId = applicant, startsAt = start })).Status);
        }

        var seen = new List<DateTimeOffset>();
        string? cursor = null;
        do
        {
            var page = await world.GetAsync(world.Teammate, "/api/v1/viewings?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            seen.AddRange(page.Body.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("startsAt").GetDateTimeOffset()));
            cursor = page.Body.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        var path = $"/api/v1/viewings?agentId={world.Teammate.Id}";
        var byManager = await world.GetAsync(world.Manager, path);
        var byAdmin = await world.GetAsync(world.Admin, path);
        var byAgent = await world.GetAsync(world.Agent, path);
        var byOtherManager = await world.GetAsync(world.OtherManager, path);

        // The default window is a week from today's Dubai midnight: the viewing in 20 days is not in it.
        Assert.Equal(starts.Take(4).Order().ToList(), seen);
        Assert.Equal(4, byManager.Body.GetProperty("items").GetArrayLength());
        Assert.Equal(4, byAdmin.Body.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, byAgent.Status);
        Assert.Equal(HttpStatusCode.NotFound, byOtherManager.Status);
    }

    [Fact]
    public async Task Another_agents_viewing_does_not_exist_through_any_endpoint_while_their_manager_and_admins_act_on_it()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Teammate);
        var applicant = await world.SeedApplicantAsync(world.Teammate);
        var booked = await world.PostAsync(world.Teammate, "/api/v1/viewings", new { listingId = listing, applicantId = applicant, startsAt = world.Tomorrow(10) });
        var id = booked.Body.GetProperty("viewing").GetProperty("id").GetGuid();
        world.Host.Clock.Advance(world.Tomorrow(11) - world.Now);

        var answers = new List<HttpStatusCode>();
        foreach (var stranger in new[] { world.Agent, world.OtherAgent, world.OtherManager })
        {
            answers.Add((await world.GetAsync(stranger, $"/api/v1/viewings/{id}")).Status);
            answers.Add((await world.PatchAsync(stranger, $"/api/v1/viewings/{id}", new { startsAt = world.Tomorrow(16) }, booked.ETag)).Status);
            answers.Add((await world.PostAsync(stranger, $"/api/v1/viewings/{id}/confirm")).Status);
            answers.Add((await world.PostAsync(stranger, $"/api/v1/viewings/{id}/complete", new { rating = 3 })).Status);
            answers.Add((await world.PostAsync(stranger, $"/api/v1/viewings/{id}/no-show")).Status);
            answers.Add((await world.PostAsync(stranger, $"/api/v1/viewings/{id}/cancel", new { reason = "x" })).Status);
        }

        var byManager = await world.GetAsync(world.Manager, $"/api/v1/viewings/{id}");
        var confirmedByAdmin = await world.PostAsync(world.Admin, $"/api/v1/viewings/{id}/confirm");

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.NotFound, status));
        Assert.Equal(HttpStatusCode.OK, byManager.Status);
        Assert.Equal(HttpStatusCode.OK, confirmedByAdmin.Status);
        Assert.Equal(ViewingStatus.Confirmed, await world.ReadAsync(db => db.Viewings.Where(v => v.Id == id).Select(v => v.Status).SingleAsync()));
    }
}
