extern alias web;

using System.Net;
using System.Net.Http.Headers;
using Pace.Applicants;
using Pace.Data;
using Pace.Identity;
using Pace.Testing;
using Pace.Web.Applicants;
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
