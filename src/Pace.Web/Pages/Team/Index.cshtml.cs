using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pace.Common;
using Pace.Data;
using Pace.Web.Dashboard;
using Pace.Web.Identity;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Team;

/// <summary>
/// The team dashboard: the figures of the dashboard API's own handler over the last 7, 30 or 90 Dubai days, as
/// headline numbers, charts (drawn by team.js from the JSON in a data attribute) and a table per agent, which is
/// also what a screen reader reads instead of the charts. An admin picks a team or the whole brokerage.
/// </summary>
[Authorize(Policy = PacePolicies.ManagerOrAdmin)]
public sealed class IndexModel(PaceDbContext db, TimeProvider clock) : PageModel
{
    public static readonly int[] Periods = [7, 30, 90];

    [BindProperty(SupportsGet = true)]
    public int Days { get; set; } = 30;

    [BindProperty(SupportsGet = true)]
    public Guid? TeamId { get; set; }

    public TeamDashboard? Dashboard { get; private set; }

    public string? Problem { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> Teams { get; private set; } = [];

    public bool IsAdmin { get; private set; }

    /// <summary>What team.js draws: the days, the stages and the agents, with labels already in words.</summary>
    public string ChartData { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Periods.Contains(Days))
        {
            Days = 30;
        }

        var actor = User.ToActor();
        IsAdmin = actor.IsAdmin;
        if (IsAdmin)
        {
            Teams = (await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken))
                .Select(t => (t.Id, t.Name)).ToList();
        }

        var to = DubaiTime.DateOf(clock.GetUtcNow());
        var outcome = ApiOutcome.From<TeamDashboard>(await DashboardApi.TeamAsync(
            HttpContext, db, clock, IsAdmin ? TeamId : null, to.AddDays(1 - Days), to, cancellationToken));
        if (outcome.Value is null)
        {
            // A manager without a team, or a team that is gone: the page says so rather than failing.
            Problem = actor.IsAdmin ? outcome.Message : "You are not the manager of a team yet. Ask an administrator to set your team.";
            return Page();
        }

        Dashboard = outcome.Value;
        ChartData = JsonSerializer.Serialize(new
        {
            days = Dashboard.LeadsByDay.Select(d => d.Date.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture)),
            leads = Dashboard.LeadsByDay.Select(d => d.Count),
            stages = Dashboard.Funnel.Select(s => Show.Label(s.Stage)),
            funnel = Dashboard.Funnel.Select(s => s.Count),
            agents = Dashboard.Agents.Select(a => a.Name),
            agentLeads = Dashboard.Agents.Select(a => a.NewLeads),
            agentViewings = Dashboard.Agents.Select(a => a.ViewingsCompleted),
            agentOffers = Dashboard.Agents.Select(a => a.Offers),
            agentResponse = Dashboard.Agents.Select(a => a.MedianFirstResponseMinutes),
        });
        return Page();
    }

    /// <summary>A median response time as a person says it: <c>12 min</c>, <c>3.5 h</c>, <c>2 days</c>; a dash when nobody was contacted.</summary>
    public static string Minutes(double? minutes) => minutes switch
    {
        null => "–",
        < 90 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{minutes:0} min"),
        < 48 * 60 => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{minutes / 60:0.#} h"),
        _ => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{minutes / 1440:0.#} days"),
    };

    /// <summary>The share of <paramref name="part"/> in <paramref name="whole"/>, as a whole percentage.</summary>
    public static string Percent(int part, int whole) => whole == 0 ? "–" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{100.0 * part / whole:0}%");

    public string PeriodUrl(int days) => QueryString.Create(new Dictionary<string, string?>
    {
        ["days"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["teamId"] = TeamId?.ToString(),
    }.Where(p => p.Value is not null)).ToUriComponent();
}
