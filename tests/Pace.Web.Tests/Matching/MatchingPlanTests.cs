using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Pace.Applicants;
using Pace.Data;
using Pace.Data.Matching;
using Pace.Listings;
using Pace.Web.Tests.Crm;

namespace Pace.Web.Tests.Matching;

/// <summary>
/// Both matching queries, exactly as the API builds them, are answered through indexes: the plan PostgreSQL makes
/// (with sequential scans priced out, so a small test table does not hide a missing index) reads requirements through
/// the matching indexes (ix_requirements_match, ix_requirements_match_location_ids) and live listings through an index, never a sequential scan. No timing here: bench/ measures.
/// </summary>
public sealed class MatchingPlanTests
{
    [Fact]
    public async Task A_listings_applicants_are_found_through_the_matching_indexes_of_requirements()
    {
        await using var world = await CrmWorld.StartAsync();
        await SeedRequirementsAsync(world, 4_000);
        var listing = await world.SeedListingAsync(world.Agent, priceMinor: 2_400_000_00);
        await using var db = world.Host.Database.CreatePaceDbContext();
        var side = await MatchCandidates.Sides(db.Listings.Where(l => l.Id == listing)).SingleAsync();

        var plan = await PlanAsync(db, MatchCandidates.Ranked(MatchCandidates.ApplicantsFor(db, db.Applicants, side, [world.Location])).Take(200));

        Assert.True(plan.Contains("Bitmap Index Scan on ix_requirements_match", StringComparison.Ordinal) || plan.Contains("Index Scan using ix_requirements_match", StringComparison.Ordinal), plan);
        Assert.DoesNotContain("Seq Scan on requirements", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_applicants_listings_are_found_through_an_index_of_listings()
    {
        await using var world = await CrmWorld.StartAsync();
        for (var i = 0; i < 30; i++)
        {
            await world.SeedListingAsync(world.Agent, i % 3 == 0 ? ListingStatus.Sold : ListingStatus.Live, priceMinor: 2_000_000_00 + (i * 10_000_00));
        }

        await using var db = world.Host.Database.CreatePaceDbContext();
        await db.Database.ExecuteSqlRawAsync("ANALYZE listings");
        var requirement = new Requirement
        {
            ApplicantId = Guid.CreateVersion7(), Purpose = Purpose.Sale, Category = PropertyCategory.Residential, PropertyTypes = ["apartment"],
            LocationIds = [world.Location], BedroomsMin = 2, BedroomsMax = 3, BudgetMax = 2_500_000_00,
        };

        var plan = await PlanAsync(db, MatchCandidates.Ranked(MatchCandidates.ListingsFor(db, requirement, [world.Location])).Take(20));

        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(plan, "(Index Scan (Backward )?using|Bitmap Index Scan on) ix_listings_"), plan);
        Assert.DoesNotContain("Seq Scan on listings", plan, StringComparison.Ordinal);
    }

    /// <summary>
    /// <paramref name="count"/> active applicants of a spread of purposes, places, budgets and bedrooms, a
    /// requirement each, and fresh statistics.
    /// </summary>
    private static async Task SeedRequirementsAsync(CrmWorld world, int count)
    {
        await using var db = world.Host.Database.CreatePaceDbContext();
        var (place, agent) = (world.Location, world.Agent.Id);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO applicants (id, kind, first_name, source, stage, stage_changed_at, assigned_agent_id, tags, created_at, updated_at)
            SELECT md5(n::text)::uuid, 'applicant', 'Bulk ' || n, 'website', 'qualified', now(), {agent}, ARRAY[]::text[], now(), now()
            FROM generate_series(1, {count}) AS n
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO requirements (id, applicant_id, purpose, category, property_types, location_ids, bedrooms_min, bedrooms_max,
                                      budget_min, budget_max, currency, is_active, created_at, updated_at)
            SELECT md5('r' || n)::uuid, md5(n::text)::uuid, CASE WHEN n % 2 = 0 THEN 'sale' ELSE 'rent' END, 'residential', ARRAY['apartment'],
                   CASE WHEN n % 5 = 0 THEN ARRAY[{place}]::uuid[] ELSE ARRAY[md5('p' || (n % 40))::uuid] END,
                   (n % 5)::smallint, (n % 5 + n % 2)::smallint, NULL, (500000 + (n % 97) * 50000)::bigint * 100, 'AED', n % 10 <> 0, now(), now()
            FROM generate_series(1, {count}) AS n
            """);
        await db.Database.ExecuteSqlRawAsync("ANALYZE applicants; ANALYZE requirements");
    }

    private static async Task<string> PlanAsync<T>(PaceDbContext db, IQueryable<T> query)
    {
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off");
        await using DbCommand command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN " + command.CommandText;
        command.Transaction = transaction.GetDbTransaction();
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        return string.Join('\n', lines);
    }
}
