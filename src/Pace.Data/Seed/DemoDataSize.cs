namespace Pace.Data.Seed;

/// <summary>
/// How much demo data to generate. Everything else (owners, requirements, viewings, offers, activities) follows from
/// these counts; applicants are generated and copied in batches, so the benchmark size does not need them in memory.
/// </summary>
/// <param name="AgentsPerTeam">Agents in each team (each team also has a manager).</param>
/// <param name="Listings">Listings across all statuses.</param>
/// <param name="Applicants">Buyers and tenants (owners come on top, about one per listing).</param>
/// <param name="BatchSize">Applicants generated and copied per batch.</param>
/// <param name="TeamsPerArea">Teams working each of the five areas of dubai.json; they share the area's leads and listings.</param>
/// <param name="RecentLeadShare">The share of applicants who arrived in the last 90 days (the rest over the 450 days before).</param>
public sealed record DemoDataSize(int AgentsPerTeam, int Listings, int Applicants, int BatchSize = 5_000, int TeamsPerArea = 1, double RecentLeadShare = 0.82)
{
    /// <summary>
    /// The demo brokerage: about 40 staff, 1,500 listings and 5,000 applicants, most of them recent so that every page
    /// of a first visit has something fresh to show.
    /// </summary>
    public static DemoDataSize Demo { get; } = new(AgentsPerTeam: 7, Listings: 1_500, Applicants: 5_000);

    /// <summary>
    /// The benchmark dataset: a large brokerage after years on the CRM. 1,000 agents in 50 teams of 20 (a manager leads
    /// a team of that size in Dubai brokerages; 200 would be a department), and a lead flow in step with its history:
    /// 200,000 leads in the last 90 days (about 2.2 a day per agent), 800,000 in the 450 days before.
    /// </summary>
    public static DemoDataSize Benchmark { get; } = new(AgentsPerTeam: 20, Listings: 100_000, Applicants: 1_000_000, BatchSize: 20_000, TeamsPerArea: 10, RecentLeadShare: 0.2);
}
