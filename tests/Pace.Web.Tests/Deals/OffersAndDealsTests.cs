using System.Net;
using Microsoft.EntityFrameworkCore;
using Pace.Activities;
using Pace.Applicants;
using Pace.Listings;
using Pace.Web.Tests.Crm;

namespace Pace.Web.Tests.Deals;

/// <summary>Offers and deals through HTTP: the listing's life cycle, the applicant's stage, the commission split, and who may act.</summary>
public sealed class OffersAndDealsTests
{
    [Fact]
    public async Task An_offer_on_a_listing_off_the_market_is_refused()
    {
        await using var world = await CrmWorld.StartAsync();
        var applicant = await world.SeedApplicantAsync(world.Agent);
        var draft = await world.SeedListingAsync(world.Agent, ListingStatus.Draft);
        var pending = await world.SeedListingAsync(world.Agent, ListingStatus.PendingApproval);

        var onDraft = await world.PostAsync(world.Agent, "/api/v1/offers", new { listingId = draft, applicantId = applicant, amountMinor = 240_000_000 });
        var onPending = await world.PostAsync(world.Agent, "/api/v1/offers", new { listingId = pending, applicantId = applicant, amountMinor = 240_000_000 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, onDraft.Status);
        Assert.Contains("draft", onDraft.Text("detail"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, onPending.Status);
        Assert.Equal(0, await world.ReadAsync(db => db.Offers.CountAsync()));
    }

    [Fact]
    public async Task Making_an_offer_moves_the_applicant_forward_to_Offer_and_goes_on_both_timelines()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.OtherAgent);
        var applicant = await world.SeedApplicantAsync(world.Agent, ApplicantStage.Viewing);

        var made = await world.PostAsync(world.Agent, "/api/v1/offers",
            new { listingId = listing, applicantId = applicant, amountMinor = 240_000_000, conditions = "Subject to mortgage", expiresAt = world.Now.AddDays(3) });

        Assert.Equal(HttpStatusCode.Created, made.Status);
        Assert.Equal("submitted", made.Text("status"));
        Assert.Equal(world.Agent.Id, made.Body.GetProperty("agentId").GetGuid());
        Assert.Equal("AED", made.Text("currency"));
        Assert.Equal(ApplicantStage.Offer, await world.ReadAsync(db => db.Applicants.Where(a => a.Id == applicant).Select(a => a.Stage).SingleAsync()));
        var listingTimeline = await world.GetAsync(world.OtherAgent, $"/api/v1/listings/{listing}/timeline?kinds=offer");
        var entry = Assert.Single(listingTimeline.Body.GetProperty("items").EnumerateArray());
        Assert.Equal(made.Id, entry.GetProperty("offerId").GetGuid());
        Assert.Equal(240_000_000, entry.GetProperty("data").GetProperty("amountMinor").GetInt64());
        var applicantTimeline = await world.GetAsync(world.Agent, $"/api/v1/applicants/{applicant}/timeline?kinds=stage_change");
        Assert.Equal("offer", Assert.Single(applicantTimeline.Body.GetProperty("items").EnumerateArray()).GetProperty("data").GetProperty("to").GetString());
    }

    [Fact]
    public async Task Accepting_puts_the_listing_under_offer_and_opens_a_deal_and_no_second_offer_can_be_accepted_meanwhile()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent);
        var first = await MakeOfferAsync(world, world.Agent, listing, await world.SeedApplicantAsync(world.Agent), 240_000_000);
        var second = await MakeOfferAsync(world, world.Teammate, listing, await world.SeedApplicantAsync(world.Teammate, firstName: "Omar"), 245_000_000);

        var accepted = await world.PostAsync(world.Agent, $"/api/v1/offers/{first}/accept");
        var againOnTheOther = await world.PostAsync(world.Agent, $"/api/v1/offers/{second}/accept");
        var againOnTheSame = await world.PostAsync(world.Agent, $"/api/v1/offers/{first}/accept");

        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal("accepted", accepted.Text("status"));
        var dealId = accepted.Body.GetProperty("dealId").GetGuid();
        var deal = await world.GetAsync(world.Agent, $"/api/v1/deals/{dealId}");
        Assert.Equal("in_progress", deal.Text("status"));
        Assert.Equal(240_000_000, deal.Body.GetProperty("priceMinor").GetInt64());
        Assert.Equal(ListingStatus.UnderOffer, await world.ReadAsync(db => db.Listings.Where(l => l.Id == listing).Select(l => l.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.Conflict, againOnTheOther.Status);
        Assert.Equal(dealId, againOnTheOther.Body.GetProperty("dealId").GetGuid());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, againOnTheSame.Status);
        Assert.Equal("submitted", (await world.GetAsync(world.Teammate, $"/api/v1/offers/{second}")).Text("status"));
    }

    [Fact]
    public async Task Two_accepts_racing_on_one_listing_open_exactly_one_deal()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent);
        var offers = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            offers.Add(await MakeOfferAsync(world, world.Agent, listing, await world.SeedApplicantAsync(world.Agent), 240_000_000 + i));
        }

        var answers = await Task.WhenAll(offers.Select(o => world.PostAsync(world.Agent, $"/api/v1/offers/{o}/accept")));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));
        Assert.Equal(1, await world.ReadAsync(db => db.Deals.CountAsync(d => d.ListingId == listing)));
    }

    [Fact]
    public async Task Completing_a_sale_marks_the_listing_sold_the_applicant_won_and_stores_the_split_to_the_fil()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent);
        var applicant = await world.SeedApplicantAsync(world.Teammate, ApplicantStage.Offer);
        var offer = await MakeOfferAsync(world, world.Teammate, listing, applicant, 240_000_000);
        var dealId = (await world.PostAsync(world.Agent, $"/api/v1/offers/{offer}/accept")).Body.GetProperty("dealId").GetGuid();

        // 4,800,001 fils split three ways in thirds cannot be exact: the odd fils go where rounding lost most.
        var completed = await world.PostAsync(world.Agent, $"/api/v1/deals/{dealId}/complete", new
        {
            commissionMinor = 4_800_001,
            split = new object[]
            {
                new { agentId = world.Agent.Id, percent = 33.34m },
                new { agentId = world.Teammate.Id, percent = 33.33m },
                new { agentId = world.Manager.Id, percent = 33.33m },
            },
        });

        Assert.Equal(HttpStatusCode.OK, completed.Status);
        Assert.Equal("completed", completed.Text("status"));
        Assert.Equal(4_800_001, completed.Body.GetProperty("commissionMinor").GetInt64());
        var split = completed.Body.GetProperty("split").EnumerateArray()
            .ToDictionary(s => s.GetProperty("agentId").GetGuid(), s => s.GetProperty("amountMinor").GetInt64());
        Assert.Equal(1_600_321, split[world.Agent.Id]);
        Assert.Equal(1_599_840, split[world.Teammate.Id]);
        Assert.Equal(4_800_001, split.Values.Sum());
        Assert.Equal(3, await world.ReadAsync(db => db.DealCommissionSplits.CountAsync(s => s.DealId == dealId)));
        Assert.Equal(ListingStatus.Sold, await world.ReadAsync(db => db.Listings.Where(l => l.Id == listing).Select(l => l.Status).SingleAsync()));
        var won = await world.ReadAsync(db => db.Applicants.SingleAsync(a => a.Id == applicant));
        Assert.Equal(ApplicantStage.Won, won.Stage);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await world.PostAsync(world.Agent, $"/api/v1/deals/{dealId}/fall-through", new { reason = "x" })).Status);
    }

    [Fact]
    public async Task Completing_a_rental_marks_the_listing_rented_with_a_split_in_amounts()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent, purpose: Purpose.Rent, priceMinor: 12_000_000);
        var offer = await MakeOfferAsync(world, world.Agent, listing, await world.SeedApplicantAsync(world.Agent), 11_500_000);
        var dealId = (await world.PostAsync(world.Agent, $"/api/v1/offers/{offer}/accept")).Body.GetProperty("dealId").GetGuid();

        var completed = await world.PostAsync(world.Agent, $"/api/v1/deals/{dealId}/complete", new
        {
            commissionMinor = 575_000,
            split = new object[] { new { agentId = world.Agent.Id, amountMinor = 500_000 }, new { agentId = world.Teammate.Id, amountMinor = 75_000 } },
        });

        Assert.Equal(HttpStatusCode.OK, completed.Status);
        Assert.Equal(ListingStatus.Rented, await world.ReadAsync(db => db.Listings.Where(l => l.Id == listing).Select(l => l.Status).SingleAsync()));
        Assert.Null(completed.Body.GetProperty("split")[0].GetProperty("percent").GetString());
    }

    [Fact]
    public async Task A_split_that_does_not_add_up_is_answered_400_naming_the_field()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent);
        var offer = await MakeOfferAsync(world, world.Agent, listing, await world.SeedApplicantAsync(world.Agent), 240_000_000);
        var dealId = (await world.PostAsync(world.Agent, $"/api/v1/offers/{offer}/accept")).Body.GetProperty("dealId").GetGuid();
        var path = $"/api/v1/deals/{dealId}/complete";

        var ninety = await world.PostAsync(world.Agent, path, new
        {
            commissionMinor = 4_800_000, split = new object[] { new { agentId = world.Agent.Id, percent = 50 }, new { agentId = world.Teammate.Id, percent = 40 } },
        });
        var amountsShort = await world.PostAsync(world.Agent, path, new { commissionMinor = 4_800_000, split = new object[] { new { agentId = world.Agent.Id, amountMinor = 4_000_000 } } });
        var both = await world.PostAsync(world.Agent, path, new { commissionMinor = 100, split = new object[] { new { agentId = world.Agent.Id, percent = 100, amountMinor = 100 } } });
        var unknownAgent = await world.PostAsync(world.Agent, path, new
        {
            commissionMinor = 100, split = new object[] { new { agentId = world.Agent.Id, percent = 50 }, new { agentId = Guid.NewGuid(), percent = 50 } },
        });
        var twice = await world.PostAsync(world.Agent, path, new
        {
            commissionMinor = 100, split = new object[] { new { agentId = world.Agent.Id, percent = 50 }, new { agentId = world.Agent.Id, percent = 50 } },
        });
        var noCommission = await world.PostAsync(world.Agent, path, new { split = Array.Empty<object>() });
        var aboveThePrice = await world.PostAsync(world.Agent, path, new { commissionMinor = 240_000_001, split = new object[] { new { agentId = world.Agent.Id, percent = 100 } } });

        Assert.Equal(["split"], ninety.ErrorFields);
        Assert.Contains("90", ninety.Body.GetProperty("errors").GetProperty("split")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(["split"], amountsShort.ErrorFields);
        Assert.Equal(["split[0].percent"], both.ErrorFields);
        Assert.Equal(["split[1].agentId"], unknownAgent.ErrorFields);
        Assert.Equal(["split[1].agentId"], twice.ErrorFields);
        Assert.Equal(["commissionMinor"], noCommission.ErrorFields);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, aboveThePrice.Status);
        Assert.Equal("in_progress", (await world.GetAsync(world.Agent, $"/api/v1/deals/{dealId}")).Text("status"));
        Assert.Equal(0, await world.ReadAsync(db => db.DealCommissionSplits.CountAsync()));
    }

    [Fact]
    public async Task A_deal_that_falls_through_puts_the_listing_back_on_the_market_and_another_offer_can_then_be_accepted()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent);
        var first = await MakeOfferAsync(world, world.Agent, listing, await world.SeedApplicantAsync(world.Agent), 240_000_000);
        var second = await MakeOfferAsync(world, world.Agent, listing, await world.SeedApplicantAsync(world.Agent, firstName: "Omar"), 238_000_000);
        var dealId = (await world.PostAsync(world.Agent, $"/api/v1/offers/{first}/accept")).Body.GetProperty("dealId").GetGuid();

        var noReason = await world.PostAsync(world.Agent, $"/api/v1/deals/{dealId}/fall-through", new { });
        var fell = await world.PostAsync(world.Agent, $"/api/v1/deals/{dealId}/fall-through", new { reason = "Mortgage refused." });
        var statusAfter = await world.ReadAsync(db => db.Listings.Where(l => l.Id == listing).Select(l => l.Status).SingleAsync());
        var secondAccepted = await world.PostAsync(world.Agent, $"/api/v1/offers/{second}/accept");

        Assert.Equal(["reason"], noReason.ErrorFields);
        Assert.Equal("fallen_through", fell.Text("status"));
        Assert.Equal("Mortgage refused.", fell.Text("fallThroughReason"));
        Assert.Equal(ListingStatus.Live, statusAfter);
        Assert.Equal(HttpStatusCode.OK, secondAccepted.Status);
    }

    [Fact]
    public async Task A_counter_offer_changes_the_amount_the_deal_is_made_at_and_each_side_does_only_its_own_part()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent);
        var offer = await MakeOfferAsync(world, world.OtherAgent, listing, await world.SeedApplicantAsync(world.OtherAgent), 230_000_000);

        var countered = await world.PostAsync(world.Agent, $"/api/v1/offers/{offer}/counter", new { amountMinor = 245_000_000 });
        var acceptedByBuyerSide = await world.PostAsync(world.OtherAgent, $"/api/v1/offers/{offer}/accept");
        var withdrawnBySellerSide = await world.PostAsync(world.Agent, $"/api/v1/offers/{offer}/withdraw", new { reason = "x" });
        var accepted = await world.PostAsync(world.Agent, $"/api/v1/offers/{offer}/accept");
        var deal = await world.GetAsync(world.OtherAgent, $"/api/v1/deals/{accepted.Body.GetProperty("dealId").GetGuid()}");
        var completedByBuyerSide = await world.PostAsync(world.OtherAgent, $"/api/v1/deals/{deal.Id}/complete",
            new { commissionMinor = 100, split = new object[] { new { agentId = world.OtherAgent.Id, percent = 100 } } });
        var rejectAccepted = await world.PostAsync(world.Agent, $"/api/v1/offers/{offer}/reject", new { reason = "Too low" });

        Assert.Equal("countered", countered.Text("status"));
        Assert.Equal(245_000_000, countered.Body.GetProperty("amountMinor").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, acceptedByBuyerSide.Status);
        Assert.Equal(HttpStatusCode.Forbidden, withdrawnBySellerSide.Status);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal(245_000_000, deal.Body.GetProperty("priceMinor").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, completedByBuyerSide.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejectAccepted.Status);
        var entries = await world.ReadAsync(db => db.Activities.Where(a => a.OfferId == offer && a.Kind == ActivityKind.Offer).Select(a => a.Subject).ToListAsync());
        Assert.Contains(entries, s => s!.StartsWith("Offer countered", StringComparison.Ordinal));
        Assert.Contains(entries, s => s!.StartsWith("Offer accepted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rejecting_and_withdrawing_close_an_offer_with_the_reason()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent);
        var rejected = await MakeOfferAsync(world, world.Agent, listing, await world.SeedApplicantAsync(world.Agent), 200_000_000);
        var withdrawn = await MakeOfferAsync(world, world.Agent, listing, await world.SeedApplicantAsync(world.Agent), 210_000_000);

        var noReason = await world.PostAsync(world.Agent, $"/api/v1/offers/{rejected}/reject", new { });
        var reject = await world.PostAsync(world.Agent, $"/api/v1/offers/{rejected}/reject", new { reason = "Below the owner's floor." });
        var withdraw = await world.PostAsync(world.Agent, $"/api/v1/offers/{withdrawn}/withdraw");
        var counterWithdrawn = await world.PostAsync(world.Agent, $"/api/v1/offers/{withdrawn}/counter", new { amountMinor = 220_000_000 });
        var badCounter = await world.PostAsync(world.Agent, $"/api/v1/offers/{withdrawn}/counter", new { amountMinor = 0 });

        Assert.Equal(["reason"], noReason.ErrorFields);
        Assert.Equal("rejected", reject.Text("status"));
        Assert.Equal("Below the owner's floor.", reject.Text("decisionReason"));
        Assert.NotNull(reject.Body.GetProperty("decidedAt").GetString());
        Assert.Equal("withdrawn", withdraw.Text("status"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, counterWithdrawn.Status);
        Assert.Equal(["amountMinor"], badCounter.ErrorFields);
    }

    [Fact]
    public async Task Offers_list_by_listing_or_applicant_newest_first_and_nobody_else_sees_them()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent);
        var applicant = await world.SeedApplicantAsync(world.Agent);
        var offers = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            offers.Add(await MakeOfferAsync(world, world.Agent, listing, applicant, 200_000_000 + i));
            world.Host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await world.GetAsync(world.Agent, $"/api/v1/offers?listingId={listing}&limit=2");
        var rest = await world.GetAsync(world.Agent, $"/api/v1/offers?listingId={listing}&limit=2&cursor={first.Body.GetProperty("nextCursor").GetString()}");
        var byApplicant = await world.GetAsync(world.Manager, $"/api/v1/offers?applicantId={applicant}");
        var byStranger = await world.GetAsync(world.OtherAgent, $"/api/v1/offers?listingId={listing}");
        var neither = await world.GetAsync(world.Agent, "/api/v1/offers");
        var dealId = (await world.PostAsync(world.Agent, $"/api/v1/offers/{offers[0]}/accept")).Body.GetProperty("dealId").GetGuid();

        var ids = first.Body.GetProperty("items").EnumerateArray().Concat(rest.Body.GetProperty("items").EnumerateArray()).Select(o => o.GetProperty("id").GetGuid());
        Assert.Equal(Enumerable.Reverse(offers), ids);
        Assert.Equal(3, byApplicant.Body.GetProperty("items").GetArrayLength());
        Assert.Equal(0, byStranger.Body.GetProperty("items").GetArrayLength());
        Assert.Equal(["listingId"], neither.ErrorFields);
        foreach (var stranger in new[] { world.OtherAgent, world.OtherManager, world.Teammate })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await world.GetAsync(stranger, $"/api/v1/offers/{offers[1]}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await world.PostAsync(stranger, $"/api/v1/offers/{offers[1]}/accept")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await world.PostAsync(stranger, $"/api/v1/offers/{offers[1]}/reject", new { reason = "x" })).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await world.PostAsync(stranger, $"/api/v1/offers/{offers[1]}/withdraw")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await world.PostAsync(stranger, $"/api/v1/offers/{offers[1]}/counter", new { amountMinor = 1 })).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await world.GetAsync(stranger, $"/api/v1/deals/{dealId}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await world.PostAsync(stranger, $"/api/v1/deals/{dealId}/fall-through", new { reason = "x" })).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await world.GetAsync(world.Manager, $"/api/v1/deals/{dealId}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.GetAsync(world.Admin, $"/api/v1/offers/{offers[1]}")).Status);
    }

    private static async Task<Guid> MakeOfferAsync(CrmWorld world, Staff agent, Guid listing, Guid applicant, long amountMinor)
    {
        var made = await world.PostAsync(agent, "/api/v1/offers", new { listingId = listing, applicantId = applicant, amountMinor });
        Assert.Equal(HttpStatusCode.Created, made.Status);
        return made.Id;
    }
}
