using System.Net;
using System.Text.Json;
using Pace.Applicants;
using Pace.Identity;
using Pace.Web.Tests.Tokens;

namespace Pace.Web.Tests.Applicants;

/// <summary>Who can open an applicant over the API: the visibility rules, through HTTP, as each kind of caller.</summary>
public sealed class ApplicantVisibilityTests
{
    [Fact]
    public async Task Each_caller_opens_exactly_the_applicants_their_role_allows_and_nothing_else_exists_for_them()
    {
        await using var host = await TokenTestHost.StartAsync();
        var (marina, downtown) = await SeedTeamsAsync(host);
        var agent = await host.SeedUserAsync("agent@allsop.example", UserRole.Agent, teamId: marina);
        var agent2 = await host.SeedUserAsync("agent2@allsop.example", UserRole.Agent, teamId: downtown);
        var manager = await host.SeedUserAsync("manager@allsop.example", UserRole.Manager, teamId: marina);
        var admin = await host.SeedUserAsync("admin@allsop.example", UserRole.Admin);
        var agentsApplicant = await SeedApplicantAsync(host, agent.Id, "+971501234567");
        var tokens = new Dictionary<string, string>
        {
            ["agent"] = (await host.SeedPersonalTokenAsync(agent)).Token,
            ["agent2"] = (await host.SeedPersonalTokenAsync(agent2)).Token,
            ["manager"] = (await host.SeedPersonalTokenAsync(manager)).Token,
            ["admin"] = (await host.SeedPersonalTokenAsync(admin)).Token,
        };
        var (client, secret) = await host.SeedClientAsync("pace-mcp", TokenScopes.Mcp);
        tokens["pace-mcp for agent2"] = await host.DelegatedTokenAsync(client.ClientId, secret, tokens["agent2"]);
        tokens["pace-mcp for agent"] = await host.DelegatedTokenAsync(client.ClientId, secret, tokens["agent"]);

        var answers = new Dictionary<string, HttpStatusCode>();
        foreach (var (caller, token) in tokens)
        {
            using var response = await host.SendAsync(HttpMethod.Get, $"/api/v1/applicants/{agentsApplicant}", token);
            answers[caller] = response.StatusCode;
        }

        using var unknown = await host.SendAsync(HttpMethod.Get, $"/api/v1/applicants/{Guid.CreateVersion7()}", tokens["agent"]);
        using var hidden = await host.SendAsync(HttpMethod.Get, $"/api/v1/applicants/{agentsApplicant}", tokens["agent2"]);

        Assert.Equal(HttpStatusCode.OK, answers["agent"]);
        Assert.Equal(HttpStatusCode.OK, answers["manager"]);
        Assert.Equal(HttpStatusCode.OK, answers["admin"]);
        Assert.Equal(HttpStatusCode.OK, answers["pace-mcp for agent"]);
        Assert.Equal(HttpStatusCode.NotFound, answers["agent2"]);
        Assert.Equal(HttpStatusCode.NotFound, answers["pace-mcp for agent2"]);
        // A hidden record and a missing one are indistinguishable: same status, same body shape, no id confirmed.
        Assert.Equal(unknown.StatusCode, hidden.StatusCode);
        Assert.Equal("application/problem+json", hidden.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_applicant_reads_back_with_its_phones_and_enums_by_name()
    {
        await using var host = await TokenTestHost.StartAsync();
        var agent = await host.SeedUserAsync("agent@allsop.example", UserRole.Agent);
        var id = await SeedApplicantAsync(host, agent.Id, "+971501234567");

        using var response = await host.SendAsync(HttpMethod.Get, $"/api/v1/applicants/{id}", (await host.SeedPersonalTokenAsync(agent)).Token);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("Layla Hassan", body.RootElement.GetProperty("fullName").GetString());
        Assert.Equal("whatsapp", body.RootElement.GetProperty("source").GetString());
        Assert.Equal("qualified", body.RootElement.GetProperty("stage").GetString());
        Assert.Equal("+971501234567", body.RootElement.GetProperty("phones")[0].GetProperty("number").GetString());
    }

    private static async Task<(Guid Marina, Guid Downtown)> SeedTeamsAsync(TokenTestHost host)
    {
        await using var db = host.Database.CreatePaceDbContext();
        var marina = new Team { Name = "Marina", CreatedAt = host.Clock.Now, UpdatedAt = host.Clock.Now };
        var downtown = new Team { Name = "Downtown", CreatedAt = host.Clock.Now, UpdatedAt = host.Clock.Now };
        db.Teams.AddRange(marina, downtown);
        await db.SaveChangesAsync();
        return (marina.Id, downtown.Id);
    }

    private static async Task<Guid> SeedApplicantAsync(TokenTestHost host, Guid agentId, string phone)
    {
        await using var db = host.Database.CreatePaceDbContext();
        var now = host.Clock.Now;
        var applicant = new Applicant
        {
            FirstName = "Layla", LastName = "Hassan", Source = LeadSource.WhatsApp, Stage = ApplicantStage.Qualified,
            StageChangedAt = now, AssignedAgentId = agentId, CreatedAt = now, UpdatedAt = now,
        };
        applicant.Phones.Add(new ApplicantPhone { Number = phone, IsPrimary = true, CreatedAt = now, UpdatedAt = now });
        db.Applicants.Add(applicant);
        await db.SaveChangesAsync();
        return applicant.Id;
    }
}
