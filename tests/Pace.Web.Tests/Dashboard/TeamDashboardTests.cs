using System.Net;
using Pace.Web.Tests.Applicants;

namespace Pace.Web.Tests.Dashboard;

public sealed class TeamDashboardTests
{
    private const string Dashboard = "/api/v1/dashboard/team";

    [Fact]
    public async Task A_manager_sees_their_teams_leads_response_times_and_funnel_per_agent()
    {
        await using var world = await CrmWorld.StartAsync();
        var clock = world.Api.Host.Clock;
        var first = await world.CreateApplicantAsync("agent", "Quick", "Reply", "+971530000001");
        clock.Advance(TimeSpan.FromMinutes(10));
        await world.As("agent", HttpMethod.Post, $"/api/v1/applicants/{first}/stage", new { stage = "contacted" });
        var second = await world.CreateApplicantAsync("agent3", "Slow", "Reply", "+971530000002");
        clock.Advance(TimeSpan.FromMinutes(30));
        await world.As("agent3", HttpMethod.Post, $"/api/v1/applicants/{second}/stage", new { stage = "qualified" });
        await world.CreateApplicantAsync("agent3", "Not", "Yet", "+971530000003");
        await world.CreateApplicantAsync("agent2", "Other", "Team", "+971530000004");
        await ApplicantsApiTests.SeedViewingAsync(world, first);

        // The seeded viewing is tomorrow: the period runs to tomorrow to count it.
        var tomorrow = Pace.Common.DubaiTime.DateOf(clock.Now).AddDays(1);
        var response = await world.As("manager", HttpMethod.Get, $"{Dashboard}?to={tomorrow:yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var totals = response.Body.GetProperty("totals");
        Assert.Equal(3, totals.GetProperty("newLeads").GetInt32());
        Assert.Equal(2, totals.GetProperty("contacted").GetInt32());
        Assert.Equal(20, totals.GetProperty("medianFirstResponseMinutes").GetDouble());
        Assert.Equal(1, totals.GetProperty("viewingsScheduled").GetInt32());
        Assert.Equal(1, totals.GetProperty("liveListings").GetInt32());
        var funnel = response.Body.GetProperty("funnel").EnumerateArray().ToDictionary(s => s.GetProperty("stage").GetString()!, s => s.GetProperty("count").GetInt32());
        Assert.Equal((1, 1, 1), (funnel["new"], funnel["contacted"], funnel["qualified"]));
        var agent3 = response.Body.GetProperty("agents").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "agent3");
        Assert.Equal(2, agent3.GetProperty("newLeads").GetInt32());
        Assert.Equal(30, agent3.GetProperty("medianFirstResponseMinutes").GetDouble());
        Assert.Equal(30, response.Body.GetProperty("leadsByDay").GetArrayLength());
        Assert.Equal(3, response.Body.GetProperty("leadsByDay").EnumerateArray().Sum(d => d.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task Another_teams_dashboard_does_not_exist_for_a_manager_and_admins_see_every_team()
    {
        await using var world = await CrmWorld.StartAsync();
        await world.CreateApplicantAsync("agent2", "Down", "Town", "+971530000005");

        var other = await world.As("manager", HttpMethod.Get, $"{Dashboard}?teamId={world.Downtown}");
        var agent = await world.As("agent", HttpMethod.Get, Dashboard);
        var admin = await world.As("admin", HttpMethod.Get, $"{Dashboard}?teamId={world.Downtown}");
        var everyone = await world.As("admin", HttpMethod.Get, Dashboard);
        var backwards = await world.As("manager", HttpMethod.Get, $"{Dashboard}?from=2026-02-01&to=2026-01-01");

        Assert.Equal(HttpStatusCode.NotFound, other.Status);
        Assert.Equal(HttpStatusCode.Forbidden, agent.Status);
        Assert.Equal(1, admin.Body.GetProperty("totals").GetProperty("newLeads").GetInt32());
        Assert.Equal("All teams", everyone.Body.GetProperty("teamName").GetString());
        Assert.True(backwards.NamesField("from"));
    }
}
