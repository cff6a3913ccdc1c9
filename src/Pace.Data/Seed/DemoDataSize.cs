namespace Pace.Data.Seed;

/// <summary>
/// How much demo data to generate. Everything else (owners, requirements, viewings, offers, activities) follows from
/// these counts; applicants are generated and copied in batches, so the benchmark size does not need them in memory.
/// </summary>
/// <param name="AgentsPerTeam">Agents in each of the five teams (each team also has a manager).</param>
/// <param name="Listings">Listings across all statuses.</param>
/// <param name="Applicants">Buyers and tenants (owners come on top, about one per listing).</param>
/// <param name="BatchSize">Applicants generated and copied per batch.</param>
public sealed record DemoDataSize(int AgentsPerTeam, int Listings, int Applicants, int BatchSize = 5_000)
{
    /// <summary>The demo brokerage: about 40 staff, 1,500 listings and 5,000 applicants.</summary>
    public static DemoDataSize Demo { get; } = new(AgentsPerTeam: 7, Listings: 1_500, Applicants: 5_000);

    /// <summary>The benchmark dataset: a large brokerage after years on the CRM (1,000 agents in the five teams).</summary>
    public static DemoDataSize Benchmark { get; } = new(AgentsPerTeam: 200, Listings: 100_000, Applicants: 1_000_000, BatchSize: 20_000);
}
