using Pace.Applicants;

namespace Pace.Web.Dashboard;

/// <summary>The headline figures of a team over a period.</summary>
public sealed record DashboardTotals(
    int NewLeads, int Contacted, double? MedianFirstResponseMinutes, int ViewingsScheduled, int ViewingsCompleted, int Offers,
    int OffersAccepted, int Won, int LiveListings, int PendingListings);

public sealed record DayCount(DateOnly Date, int Count);

/// <summary>Where the leads of the period stand now, stage by stage.</summary>
public sealed record StageCount(ApplicantStage Stage, int Count);

public sealed record AgentFigures(
    Guid AgentId, string Name, int NewLeads, int Contacted, double? MedianFirstResponseMinutes, int ViewingsCompleted, int Offers,
    int Won, int LiveListings, int PendingListings);

/// <summary>A team's dashboard: the period is of Dubai days, <c>from</c> and <c>to</c> both included.</summary>
public sealed record TeamDashboard(
    Guid? TeamId, string TeamName, DateOnly From, DateOnly To, DashboardTotals Totals, IReadOnlyList<DayCount> LeadsByDay,
    IReadOnlyList<StageCount> Funnel, IReadOnlyList<AgentFigures> Agents);
