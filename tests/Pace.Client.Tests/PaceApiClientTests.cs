extern alias web;

using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Pace.Activities;
using Pace.Applicants;
using Pace.Common;
using Pace.Data;
using Pace.Deals;
using Pace.Identity;
using Pace.Listings;
using Pace.Locations;
using Pace.Reference;
using Pace.Testing;
using Pace.Viewings;
using Pace.Web.Activities;
using Pace.Web.Applicants;
using Pace.Web.Deals;
using Pace.Web.Listings;
using Pace.Web.Viewings;
using WebService = web::Pace.Web.WebService;

namespace Pace.Client.Tests;

/// <summary>The typed client against the real pace-web on real PostgreSQL: what scripts, pace-ai and pace-mcp call.</summary>
public sealed class PaceApiClientTests
{
    [Fact]
    public async Task An_agent_creates_finds_updates_and_moves_an_applicant_through_the_typed_client()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        var clock = new TestClock();
        await using var factory = new PaceServiceFactory<WebService>(PaceWebSettings.For(database.ConnectionString), clock);
        var (agent, token) = await SeedAgentAsync(database, clock);
        using var http = factory.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var api = new PaceApiClient(http);

        var created = await api.Applicants.CreateAsync(new CreateApplicantRequest(
            ContactKind.Applicant, "Mariam", "Haddad", "ar", "AE", LeadSource.Bayut, null, null, ["vip"], null,
            [new PhoneInput("050 765 4321", "mobile", true, true)], ["mariam@example.com"],
            [new RequirementInput(Listings.Purpose.Rent, null, [], [], 2, 3, null, null, 15_000_000, null, null, null, null, null, null, null)], null));
        var id = created.Value.Applicant.Id;
        var found = await api.Applicants.ListAsync(new ApplicantListQuery(Q: "+971507654321"));
        var update = new UpdateApplicantRequest { LastName = null, Source = LeadSource.Referral };
        var updated = await api.Applicants.UpdateAsync(id, update, created.ETag!);
        var moved = await api.Applicants.ChangeStageAsync(id, new ChangeStageRequest(ApplicantStage.Contacted, null, "Called back."));
        var refused = await Assert.ThrowsAsync<PaceApiException>(() => api.Applicants.CreateAsync(new CreateApplicantRequest(
            null, "", null, null, null, null, null, null, null, null, null, null, null, null)));
        var stale = await Assert.ThrowsAsync<PaceApiException>(() => api.Applicants.UpdateAsync(id, new UpdateApplicantRequest { FirstName = "M" }, created.ETag!));

        Assert.Equal(agent, created.Value.Applicant.AssignedAgentId);
        Assert.Equal(id, Assert.Single(found.Items).Id);
        Assert.Null(updated.Value.Applicant.LastName);
        Assert.Equal(LeadSource.Referral, updated.Value.Applicant.Source);
        Assert.Equal("ar", updated.Value.Applicant.Language);
        Assert.Equal(ApplicantStage.Contacted, moved.Value.Stage);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("firstName", refused.Errors.Keys);
        Assert.Contains("source", refused.Errors.Keys);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
    }

    [Fact]
    public async Task An_agent_lists_a_property_with_a_photo_and_once_the_manager_approves_it_is_found_live()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        var clock = new TestClock();
        var settings = PaceWebSettings.For(database.ConnectionString);
        await using var factory = new PaceServiceFactory<WebService>(settings, clock);
        try
        {
            var (building, agentToken, managerToken) = await SeedBrokerageAsync(database, clock);
            using var agentHttp = factory.CreateHttpClient();
            agentHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", agentToken);
            using var managerHttp = factory.CreateHttpClient();
            managerHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", managerToken);
            var agent = new PaceApiClient(agentHttp);
            var manager = new PaceApiClient(managerHttp);
            var today = DubaiTime.DateOf(clock.Now);

            var draft = await agent.Listings.CreateAsync(new ListingRequest
            {
                Purpose = "sale", Category = "residential", PropertyType = "apartment", PriceMinor = 1_800_000_00, SizeSqft = 1_100m, Bedrooms = 2,
                LocationId = building, TitleEn = "Two bedrooms over the marina", DescriptionEn = "Bright, high floor, vacant.", Developer = "Emaar",
            });
            var photo = TestImages.Jpeg(1600, 1200);
            var uploaded = await agent.Listings.UploadMediaAsync(draft.Value.Id, new ListingUpload(new MemoryStream(photo), "IMG_2041.jpg", "image/jpeg", Caption: "Living room"));
            var plan = await agent.Listings.UploadMediaAsync(draft.Value.Id, new ListingUpload(new MemoryStream(TestImages.Png(800, 600)), "plan.png", "image/png", MediaKind.FloorPlan));
            var tour = await agent.Listings.AddMediaAsync(draft.Value.Id, new AddListingMediaRequest("tour360", "https://tours.example/2041/", null));
            var reordered = await agent.Listings.ReorderMediaAsync(draft.Value.Id, [uploaded.Id, tour.Id, plan.Id]);
            var notCompliant = await Assert.ThrowsAsync<PaceApiException>(() => agent.Listings.SubmitAsync(draft.Value.Id));
            var permitted = await agent.Listings.UpdateAsync(draft.Value.Id, new ListingRequest
            {
                PermitType = "rera", PermitNumber = "7116777484", PermitIssuedOn = today.AddDays(-2), PermitExpiresOn = today.AddDays(88),
                PermitPriceMinor = 1_800_000_00, PermitSizeSqft = 1_100m, Developer = null,
            }, draft.ETag!);
            var submitted = await agent.Listings.SubmitAsync(draft.Value.Id);
            var queue = await manager.Listings.ApprovalsAsync();
            var approved = await manager.Listings.ApproveAsync(Assert.Single(queue.Items).Id);
            var found = await agent.Listings.SearchAsync(new ListingListQuery(Purpose: Purpose.Sale, LocationId: building, Statuses: [ListingStatus.Live]));
            using var served = await agentHttp.GetAsync(new Uri(uploaded.Url!, UriKind.Relative));

            Assert.Equal(ListingStatus.Draft, draft.Value.Status);
            Assert.Equal((MediaKind.Image, "image/jpeg", 1600, 1200, "Living room"), (uploaded.Kind, uploaded.ContentType, uploaded.Width, uploaded.Height, uploaded.Caption));
            Assert.Equal(MediaKind.FloorPlan, plan.Kind);
            Assert.Equal([uploaded.Id, tour.Id, plan.Id], reordered.Select(m => m.Id));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, notCompliant.Status);
            Assert.Null(permitted.Value.Developer);
            Assert.Equal("7116777484", permitted.Value.PermitNumber);
            Assert.Equal(ListingStatus.PendingApproval, submitted.Value.Status);
            Assert.Equal(ListingStatus.Live, approved.Value.Status);
            var row = Assert.Single(found.Items);
            Assert.Equal((draft.Value.Id, ListingStatus.Live, uploaded.Url), (row.Id, row.Status, row.ImageUrl));
            Assert.Equal(photo, await served.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            PaceWebSettings.DeleteMedia(settings);
        }
    }

    [Fact]
    public async Task An_agent_finds_the_listings_that_fit_an_applicant_and_the_manager_the_applicants_who_want_a_listing()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        var clock = new TestClock();
        await using var factory = new PaceServiceFactory<WebService>(PaceWebSettings.For(database.ConnectionString), clock);
        var (building, agentToken, managerToken) = await SeedBrokerageAsync(database, clock);
        using var agentHttp = factory.CreateHttpClient();
        agentHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", agentToken);
        using var managerHttp = factory.CreateHttpClient();
        managerHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", managerToken);
        var agent = new PaceApiClient(agentHttp);
        var manager = new PaceApiClient(managerHttp);
        var created = await agent.Applicants.CreateAsync(new CreateApplicantRequest(
            null, "Omar", "Saleh", null, null, LeadSource.Website, null, null, null, null, [new PhoneInput("050 111 2233", null, true, false)], null,
            [new RequirementInput(Purpose.Sale, PropertyCategory.Residential, ["apartment"], [building], 2, 2, null, null, 2_000_000_00, null, null, null, null, null, null, null)],
            null));
        var applicant = created.Value.Applicant.Id;
        var listing = await SeedLiveListingAsync(database, clock, building, 2_080_000_00);

        var matches = await agent.Applicants.MatchesAsync(applicant, limit: 5);
        var wanted = await manager.Listings.MatchesAsync(listing);
        var mark = await agent.Applicants.MarkNotInterestedAsync(applicant, listing, "Too close to the tram");
        var afterMark = await agent.Applicants.MatchesAsync(applicant);
        await agent.Applicants.UnmarkNotInterestedAsync(applicant, listing);
        var afterUnmark = await agent.Applicants.MatchesAsync(applicant);
        var badLimit = await Assert.ThrowsAsync<PaceApiException>(() => agent.Listings.MatchesAsync(listing, limit: 51));

        var match = Assert.Single(matches.Items);
        Assert.Equal((listing, 88), (match.ListingId, match.Score));
        Assert.Equal(["budget +4%", "2 beds as asked", "in Marina Gate 1 as asked"], match.Reasons.Select(r => r.Text));
        Assert.Equal(created.Value.Applicant.Requirements[0].Id, match.RequirementId);
        var want = Assert.Single(wanted.Items);
        Assert.Equal((applicant, "Omar Saleh", 88), (want.ApplicantId, want.FullName, want.Score));
        Assert.Equal(("Too close to the tram", listing), (mark.Reason, mark.ListingId));
        Assert.Empty(afterMark.Items);
        Assert.Equal(listing, Assert.Single(afterUnmark.Items).ListingId);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.Status);
        Assert.Contains("limit", badLimit.Errors.Keys);
    }

    [Fact]
    public async Task An_agent_logs_a_note_books_a_viewing_sets_a_task_and_takes_an_offer_to_a_deal_through_the_typed_client()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        var clock = new TestClock();
        await using var factory = new PaceServiceFactory<WebService>(PaceWebSettings.For(database.ConnectionString), clock);
        var (building, agentToken, _) = await SeedBrokerageAsync(database, clock);
        using var http = factory.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", agentToken);
        var api = new PaceApiClient(http);
        var applicant = (await api.Applicants.CreateAsync(new CreateApplicantRequest(
            null, "Hana", "Aziz", null, null, LeadSource.Call, null, null, null, null, [new PhoneInput("050 444 5566", null, true, false)], null, null, null)))
            .Value.Applicant.Id;
        var listing = await SeedLiveListingAsync(database, clock, building, 2_100_000_00);
        // On a whole second: PostgreSQL keeps microseconds, and the times come back to be compared.
        var tomorrow = DateTimeOffset.FromUnixTimeSeconds(clock.Now.AddDays(1).ToUnixTimeSeconds());

        var note = await api.Activities.LogAsync(new LogActivityRequest("note", applicant, listing, null, "First call", "Prefers a high floor.", null, null, null));
        var booked = await api.Viewings.BookAsync(new CreateViewingRequest(listing, applicant, null, tomorrow, null, 45, "Keys at the desk"));
        var confirmed = await api.Viewings.ConfirmAsync(booked.Value.Viewing.Id);
        var read = await api.Viewings.GetAsync(booked.Value.Viewing.Id);
        var moved = (await api.Viewings.RescheduleAsync(booked.Value.Viewing.Id, new RescheduleViewingRequest { StartsAt = tomorrow.AddHours(2), Notes = null }, read.ETag!)).Value;
        var diary = await api.Viewings.ListAsync(from: clock.Now, to: clock.Now.AddDays(3));
        var cancelled = await api.Viewings.CancelAsync(booked.Value.Viewing.Id, "Applicant travelling");
        var task = await api.Tasks.CreateAsync(new CreateTaskRequest("Send the floor plans", null, applicant, listing, tomorrow, null, null, null));
        var renamed = await api.Tasks.UpdateAsync(task.Value.Id, new UpdateTaskRequest { Title = "Send the floor plans and the service charges" }, task.ETag!);
        var done = await api.Tasks.CompleteAsync(task.Value.Id);
        var tasks = await api.Tasks.ListAsync(TaskScope.All);
        var offer = await api.Offers.MakeAsync(new CreateOfferRequest(listing, applicant, 2_000_000_00, "AED", "Mortgage in principle", null));
        var accepted = await api.Offers.AcceptAsync(offer.Id);
        var deal = await api.Deals.GetAsync(accepted.DealId!.Value);
        var fell = await api.Deals.FallThroughAsync(deal.Id, "Mortgage refused");
        var second = await api.Offers.MakeAsync(new CreateOfferRequest(listing, applicant, 1_900_000_00, "AED", null, null));
        var rejected = await api.Offers.RejectAsync(second.Id, "Too low");
        var offers = await api.Offers.ListAsync(listingId: listing);
        var notes = await api.Activities.ApplicantTimelineAsync(applicant, kinds: [ActivityKind.Note]);
        var listingTimeline = await api.Activities.ListingTimelineAsync(listing, limit: 50);
        var notifications = await api.Notifications.ListAsync(unread: true);
        var noSuchNotification = await Assert.ThrowsAsync<PaceApiException>(() => api.Notifications.MarkReadAsync(Guid.NewGuid()));
        var noViewing = await Assert.ThrowsAsync<PaceApiException>(() => api.Viewings.BookAsync(new CreateViewingRequest(listing, applicant, null, null, null, null, null)));

        Assert.Equal((ActivityKind.Note, "First call"), (note.Kind, note.Subject));
        Assert.Equal(ViewingStatus.Confirmed, confirmed.Status);
        Assert.Equal((tomorrow.AddHours(2), tomorrow.AddHours(2).AddMinutes(45), null), (moved.Viewing.StartsAt, moved.Viewing.EndsAt, moved.Viewing.Notes));
        Assert.Equal(booked.Value.Viewing.Id, Assert.Single(diary.Items).Id);
        Assert.Equal((ViewingStatus.Cancelled, "Applicant travelling"), (cancelled.Status, cancelled.CancelReason));
        Assert.Equal("Send the floor plans and the service charges", renamed.Value.Title);
        Assert.NotNull(done.Value.CompletedAt);
        Assert.Equal(task.Value.Id, Assert.Single(tasks.Items).Id);
        Assert.Equal(OfferStatus.Accepted, accepted.Status);
        Assert.Equal((offer.Id, 2_000_000_00L, DealStatus.InProgress), (deal.OfferId, deal.PriceMinor, deal.Status));
        Assert.Equal((DealStatus.FallenThrough, "Mortgage refused"), (fell.Status, fell.FallThroughReason));
        Assert.Equal((OfferStatus.Rejected, "Too low"), (rejected.Status, rejected.DecisionReason));
        Assert.Equal(new[] { offer.Id, second.Id }.Order(), offers.Items.Select(o => o.Id).Order());
        Assert.Equal(note.Id, Assert.Single(notes.Items).Id);
        Assert.Contains(listingTimeline.Items, i => i.Kind == ActivityKind.Offer);
        Assert.Contains(listingTimeline.Items, i => i.Id == note.Id);
        Assert.Empty(notifications.Items);
        Assert.Equal(HttpStatusCode.NotFound, noSuchNotification.Status);
        Assert.Equal(HttpStatusCode.BadRequest, noViewing.Status);
        Assert.Contains("startsAt", noViewing.Errors.Keys);
    }

    /// <summary>A live two-bedroom flat for sale in <paramref name="place"/>, listed by the seeded agent.</summary>
    private static async Task<Guid> SeedLiveListingAsync(TestDatabase database, TestClock clock, Guid place, long priceMinor)
    {
        await using var db = database.CreatePaceDbContext();
        var now = clock.Now;
        var agent = await db.Users.SingleAsync(u => u.Email == "agent@allsop.example");
        var listing = new Listing
        {
            Reference = "AA-S-20001", Purpose = Purpose.Sale, Category = PropertyCategory.Residential, PropertyType = "apartment",
            Status = ListingStatus.Live, StatusChangedAt = now, PriceMinor = priceMinor, Bedrooms = 2, Bathrooms = 2, SizeSqft = 1_150m,
            LocationId = place, TitleEn = "Two bedrooms by the marina", DescriptionEn = "Vacant, high floor.", ListingAgentId = agent.Id,
            CreatedAt = now, UpdatedAt = now,
        };
        db.Listings.Add(listing);
        await db.SaveChangesAsync();
        return listing.Id;
    }

    /// <summary>A team with an agent and its manager (their tokens), the property types, and Dubai down to a building.</summary>
    private static async Task<(Guid Building, string AgentToken, string ManagerToken)> SeedBrokerageAsync(TestDatabase database, TestClock clock)
    {
        await using var db = database.CreatePaceDbContext();
        var now = clock.Now;
        var team = new Team { Name = "Marina", CreatedAt = now, UpdatedAt = now };
        db.Teams.Add(team);
        var agent = new User { Email = "agent@allsop.example", DisplayName = "Agent", Role = UserRole.Agent, TeamId = team.Id, CreatedAt = now, UpdatedAt = now };
        var manager = new User { Email = "manager@allsop.example", DisplayName = "Manager", Role = UserRole.Manager, TeamId = team.Id, CreatedAt = now, UpdatedAt = now };
        db.Users.AddRange(agent, manager);
        db.ReferenceValues.Add(new ReferenceValue { Kind = ReferenceKind.PropertyType, Code = "apartment", Label = "Apartment", CreatedAt = now, UpdatedAt = now });
        var dubai = new Location { Level = LocationLevel.Emirate, Name = "Dubai", Path = "dubai", CreatedAt = now, UpdatedAt = now };
        var marina = new Location { ParentId = dubai.Id, Level = LocationLevel.Community, Name = "Dubai Marina", Path = "dubai/dubai-marina", CreatedAt = now, UpdatedAt = now };
        var building = new Location { ParentId = marina.Id, Level = LocationLevel.Building, Name = "Marina Gate 1", Path = "dubai/dubai-marina/marina-gate-1", CreatedAt = now, UpdatedAt = now };
        db.Locations.AddRange(dubai, marina, building);
        var (agentToken, agentSecret, _) = PersonalTokenFactory.Create(agent.Id, "client test", 30, [], now);
        var (managerToken, managerSecret, _) = PersonalTokenFactory.Create(manager.Id, "client test", 30, [], now);
        db.PersonalTokens.AddRange(agentToken!, managerToken!);
        await db.SaveChangesAsync();
        return (building.Id, agentSecret!, managerSecret!);
    }

    private static async Task<(Guid Id, string Token)> SeedAgentAsync(TestDatabase database, TestClock clock)
    {
        await using var db = database.CreatePaceDbContext();
        var user = new User { Email = "agent@allsop.example", DisplayName = "Agent", Role = UserRole.Agent, CreatedAt = clock.Now, UpdatedAt = clock.Now };
        db.Users.Add(user);
        var (entity, token, _) = PersonalTokenFactory.Create(user.Id, "client test", 30, [], clock.Now);
        db.PersonalTokens.Add(entity!);
        await db.SaveChangesAsync();
        return (user.Id, token!);
    }
}
