using System.Net;
using Microsoft.EntityFrameworkCore;
using Pace.Web.Applicants;

namespace Pace.Web.Tests.Applicants;

/// <summary>Merging duplicates and routing leads: what moves, who gets a lead, and who may reassign.</summary>
public sealed class MergeAndAssignmentTests
{
    private const string Applicants = "/api/v1/applicants";
    private const string Rules = "/api/v1/assignment-rules";

    [Fact]
    public async Task A_merge_keeps_every_activity_viewing_requirement_phone_and_email_and_is_audited()
    {
        await using var world = await CrmWorld.StartAsync();
        var survivor = await world.CreateApplicantAsync("agent", "Fatima", "Zahra", "+971501000001", new { purpose = "sale" }, "fatima@example.com");
        var duplicate = await world.CreateApplicantAsync("agent", "Fatima", "Al Zahra", "+971501000002", new { purpose = "rent" }, "fatima@example.com");
        await world.As("agent", HttpMethod.Patch, $"{Applicants}/{duplicate}", new { tags = new[] { "vip" } }, "*");
        var viewing = await ApplicantsApiTests.SeedViewingAsync(world, duplicate);
        var activitiesBefore = await ApplicantsApiTests.ActivitiesOfAsync(world, survivor) + await ApplicantsApiTests.ActivitiesOfAsync(world, duplicate);

        var merged = await world.As("agent", HttpMethod.Post, $"{Applicants}/{survivor}/merge", new { duplicateId = duplicate });
        var again = await world.As("agent", HttpMethod.Post, $"{Applicants}/{survivor}/merge", new { duplicateId = duplicate });
        var list = await world.As("agent", HttpMethod.Get, $"{Applicants}?q=fatima");
        var tombstone = await world.As("agent", HttpMethod.Get, $"{Applicants}/{duplicate}");

        Assert.Equal(HttpStatusCode.OK, merged.Status);
        var applicant = merged.Body.GetProperty("applicant");
        Assert.Equal(2, applicant.GetProperty("phones").GetArrayLength());
        Assert.Equal(1, applicant.GetProperty("emails").GetArrayLength());
        Assert.Equal(2, applicant.GetProperty("requirements").GetArrayLength());
        Assert.Contains("vip", applicant.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        // Every entry of both timelines is on the survivor's, plus the entry saying it was merged.
        Assert.Equal(activitiesBefore + 1, await ApplicantsApiTests.ActivitiesOfAsync(world, survivor));
        Assert.Equal(0, await ApplicantsApiTests.ActivitiesOfAsync(world, duplicate));
        Assert.Equal(survivor, await ReadViewingApplicantAsync(world, viewing));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal(survivor, Assert.Single(list.Body.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(survivor, tombstone.Body.GetProperty("mergedIntoId").GetGuid());
        Assert.Single(await world.Api.AuditAsync("applicant.merged", survivor));
    }

    [Fact]
    public async Task The_merge_moves_every_foreign_key_that_points_at_applicants()
    {
        await using var world = await CrmWorld.StartAsync();
        await using var db = world.Api.Host.Database.CreatePaceDbContext();

        var references = await db.Database.SqlQuery<string>($"""
            SELECT (c.conrelid::regclass)::text || '.' || a.attname AS "Value"
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND c.confrelid = 'applicants'::regclass
            """).ToListAsync();
        var handled = ApplicantMerge.Moved.Concat(ApplicantMerge.Deduplicated).Select(m => $"{m.Table}.{m.Column}").ToHashSet();

        Assert.DoesNotContain(references, r => !handled.Contains(r));
    }

    [Fact]
    public async Task Round_robin_rotates_least_busy_balances_and_eligibility_picks_the_rule()
    {
        await using var world = await CrmWorld.StartAsync();
        var marinaRule = await world.As("manager", HttpMethod.Post, Rules, new
        {
            name = "Marina sales", strategy = "round_robin", purpose = "sale", priceMin = 100_000_000L, locationIds = new[] { world.Places["dubai-marina"] }, priority = 10,
        });
        var downtownRule = await world.As("admin", HttpMethod.Post, Rules, new { teamId = world.Downtown, name = "Everything else", strategy = "least_busy", priority = 20 });
        Assert.Equal(HttpStatusCode.Created, marinaRule.Status);
        Assert.Equal(HttpStatusCode.Created, downtownRule.Status);

        var marinaLead = new { purpose = "sale", budgetMax = 300_000_000L, locationIds = new[] { world.Places["marina-gate-1"] } };
        var agents = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var id = await world.CreateApplicantAsync("admin", $"Lead{i}", "Marina", $"+97152000000{i}", marinaLead);
            agents.Add(await AgentOfAsync(world, id));
        }

        var cheap = await world.CreateApplicantAsync("admin", "Small", "Budget", "+971520000009", new { purpose = "sale", budgetMax = 50_000_000L, locationIds = new[] { world.Places["dubai-marina"] } });
        var rent = await world.CreateApplicantAsync("admin", "Rent", "Lead", "+971520000010", new { purpose = "rent" });

        var marinaAgents = new[] { world.People["agent"].Id, world.People["agent3"].Id };
        Assert.All(agents, a => Assert.Contains(a, marinaAgents));
        Assert.Equal(2, agents.Distinct().Count());
        Assert.Equal(agents[0], agents[2]);
        Assert.Equal(agents[1], agents[3]);
        Assert.Equal(world.People["agent2"].Id, await AgentOfAsync(world, cheap));
        Assert.Equal(world.People["agent2"].Id, await AgentOfAsync(world, rent));
    }

    [Fact]
    public async Task A_lead_no_rule_takes_stays_unassigned_for_the_managers()
    {
        await using var world = await CrmWorld.StartAsync();
        var id = await world.CreateApplicantAsync("manager", "Walk", "In", "+971520000011");

        var unassigned = await world.As("manager", HttpMethod.Get, $"{Applicants}?unassigned=true");

        Assert.Null(await AgentOrNullAsync(world, id));
        Assert.Equal(id, Assert.Single(unassigned.Body.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_manager_reassigns_in_bulk_within_their_team_and_the_other_agent_sees_the_leads()
    {
        await using var world = await CrmWorld.StartAsync();
        var first = await world.CreateApplicantAsync("agent", "Bulk", "One", "+971520000021");
        var second = await world.CreateApplicantAsync("agent", "Bulk", "Two", "+971520000022");
        var elsewhere = await world.CreateApplicantAsync("agent2", "Down", "Town", "+971520000023");

        var outsideTeam = await world.As("manager", HttpMethod.Post, $"{Applicants}/reassign", new { applicantIds = new[] { first }, agentId = world.People["agent2"].Id });
        var byAgent = await world.As("agent", HttpMethod.Post, $"{Applicants}/reassign", new { applicantIds = new[] { first }, agentId = world.People["agent3"].Id });
        var done = await world.As("manager", HttpMethod.Post, $"{Applicants}/reassign", new { applicantIds = new[] { first, second, elsewhere }, agentId = world.People["agent3"].Id });
        var theirList = await world.As("agent3", HttpMethod.Get, Applicants);
        var formerList = await world.As("agent", HttpMethod.Get, Applicants);

        Assert.True(outsideTeam.NamesField("agentId"));
        Assert.Equal(HttpStatusCode.Forbidden, byAgent.Status);
        Assert.Equal(2, done.Body.GetProperty("reassigned").GetInt32());
        Assert.Equal(elsewhere, Assert.Single(done.Body.GetProperty("notFound").EnumerateArray()).GetGuid());
        Assert.Equal(2, theirList.Body.GetProperty("items").GetArrayLength());
        Assert.Equal(0, formerList.Body.GetProperty("items").GetArrayLength());
        await using var db = world.Api.Host.Database.CreatePaceDbContext();
        var audited = await db.AuditLog.Where(a => a.EntityId == first).Select(a => a.Data).ToListAsync();
        Assert.Single(audited, d => d!.Contains("assigned_agent_id", StringComparison.Ordinal) && d.Contains(world.People["agent3"].Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_manager_writes_only_their_teams_rules_and_bad_rules_name_their_fields()
    {
        await using var world = await CrmWorld.StartAsync();

        var otherTeam = await world.As("manager", HttpMethod.Post, Rules, new { teamId = world.Downtown, name = "Mine now", strategy = "round_robin" });
        var bad = await world.As("manager", HttpMethod.Post, Rules, new { name = "", priceMin = 10L, priceMax = 5L, agentIds = new[] { world.People["agent2"].Id } });
        var byAgent = await world.As("agent", HttpMethod.Get, Rules);

        Assert.True(otherTeam.NamesField("teamId"));
        Assert.True(bad.NamesField("name") && bad.NamesField("strategy") && bad.NamesField("priceMax") && bad.NamesField("agentIds"), bad.Body.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, byAgent.Status);
    }

    private static async Task<Guid> AgentOfAsync(CrmWorld world, Guid applicant) =>
        await AgentOrNullAsync(world, applicant) ?? throw new Xunit.Sdk.XunitException($"{applicant} was not assigned.");

    private static async Task<Guid?> AgentOrNullAsync(CrmWorld world, Guid applicant)
    {
        await using var db = world.Api.Host.Database.CreatePaceDbContext();
        return await db.Applicants.Where(a => a.Id == applicant).Select(a => a.AssignedAgentId).SingleAsync();
    }

    private static async Task<Guid> ReadViewingApplicantAsync(CrmWorld world, Guid viewing)
    {
        await using var db = world.Api.Host.Database.CreatePaceDbContext();
        return await db.Viewings.Where(v => v.Id == viewing).Select(v => v.ApplicantId).SingleAsync();
    }
}
