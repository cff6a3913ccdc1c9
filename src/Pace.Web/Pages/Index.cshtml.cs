using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pace.Activities;
using Pace.Applicants;
using Pace.Common;
using Pace.Data;
using Pace.Identity;
using Pace.Web.Activities;
using Pace.Web.Applicants;
using Pace.Web.Identity;
using Pace.Web.Ui;
using Pace.Web.Viewings;

namespace Pace.Web.Pages;

/// <summary>
/// "My day", where every signed-in person lands: today's viewings, the tasks overdue and due today, new leads nobody
/// has contacted yet, and what they did last. Each block is read by the API's own handler or query for that list.
/// </summary>
[Authorize(Policy = PacePolicies.Staff)]
public sealed class IndexModel(PaceDbContext db, TimeProvider clock) : PageModel
{
    public string Name { get; private set; } = "";

    public string RoleLabel { get; private set; } = "";

    public string? TeamName { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<ViewingInfo> Viewings { get; private set; } = [];

    public IReadOnlyList<TaskInfo> Overdue { get; private set; } = [];

    public IReadOnlyList<TaskInfo> DueToday { get; private set; } = [];

    public IReadOnlyList<ApplicantSummary> NewLeads { get; private set; } = [];

    public IReadOnlyList<TimelineItem> Recent { get; private set; } = [];

    /// <summary>The names of the applicants the recent activity is about.</summary>
    public IReadOnlyDictionary<Guid, string> ApplicantNames { get; private set; } = new Dictionary<Guid, string>();

    public string Greeting => DubaiTime.ToDubai(Now).Hour switch
    {
        < 12 => "Good morning",
        < 17 => "Good afternoon",
        _ => "Good evening",
    };

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = User.ToActor();
        Now = clock.GetUtcNow();
        Name = User.FindFirst(PaceClaims.Name)?.Value ?? "";
        RoleLabel = actor.Role switch
        {
            UserRole.Admin => "Admin",
            UserRole.Manager => "Manager",
            _ => "Agent",
        };
        if (actor.TeamId is { } teamId)
        {
            TeamName = await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken);
        }

        if (actor.UserId is not { } me)
        {
            return;
        }

        var (dayStart, dayEnd) = DubaiTime.DayOf(Now);
        Viewings = ApiOutcome.From<ViewingPage>(
            await ViewingsApi.ListAsync(HttpContext, db, clock, null, dayStart, dayEnd, null, 20, cancellationToken)).Value?.Items ?? [];
        var tasks = ApiOutcome.From<TaskPage>(
            await TasksApi.ListAsync(HttpContext, db, clock, "today", null, null, 30, cancellationToken)).Value?.Items ?? [];
        Overdue = [.. tasks.Where(t => t.DueAt < Now)];
        DueToday = [.. tasks.Where(t => t.DueAt >= Now)];
        NewLeads = (await ApplicantSearch.SearchAsync(
            db, actor, new ApplicantQuery(Stage: ApplicantStage.New, AgentId: me, Sort: ApplicantSort.StageAge, Limit: 8), cancellationToken)).Items;
        Recent = await TimelineApi.ItemsAsync(db,
            db.Activities.AsNoTracking().Where(a => a.UserId == me && a.Kind != ActivityKind.Task)
                .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Take(8),
            cancellationToken);
        Recent = [.. Recent.OrderByDescending(r => r.OccurredAt).ThenByDescending(r => r.Id)];
        var ids = Recent.Where(r => r.ApplicantId is not null).Select(r => r.ApplicantId!.Value).Distinct().ToList();
        ApplicantNames = await db.Applicants.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.FullName, cancellationToken);
    }
}
