extern alias web;

using System.Net;
using System.Net.Http.Headers;
using Pace.Applicants;
using Pace.Common;
using Pace.Data;
using Pace.Identity;
using Pace.Listings;
using Pace.Locations;
using Pace.Reference;
using Pace.Testing;
using Pace.Web.Applicants;
using Pace.Web.Listings;
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
