using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pace.Data;
using Pace.Web.Applicants;
using Pace.Web.Identity;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Team;

/// <summary>
/// Bulk reassignment: the team's applicants (of one agent, or unassigned, in one stage), newest first through the
/// applicants API's list handler; tick them, pick the agent, and the bulk reassign handler moves them all at once.
/// </summary>
[Authorize(Policy = PacePolicies.ManagerOrAdmin)]
public sealed class ReassignModel(PaceDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? AgentId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Unassigned { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public ApplicantPage Results { get; private set; } = new([], null);

    public IReadOnlyList<Choice> Agents { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public FormErrors Errors { get; private set; } = new();

    public string? Problem { get; private set; }

    /// <summary>What was ticked and picked, kept when the form comes back with an error.</summary>
    public IReadOnlySet<Guid> Selected { get; private set; } = new HashSet<Guid>();

    public Guid? Target { get; private set; }

    public string QueryFor(string? cursor) => QueryString.Create(new Dictionary<string, string?>
    {
        ["agentId"] = AgentId?.ToString(), ["unassigned"] = Unassigned ? "true" : null, ["stage"] = Stage, ["q"] = Q, ["cursor"] = cursor,
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid[]? applicantIds, Guid? toAgentId, CancellationToken cancellationToken)
    {
        var outcome = ApiOutcome.From<BulkReassignResult>(await ApplicantsApi.BulkReassignAsync(
            new BulkReassignRequest(applicantIds, toAgentId), HttpContext, db, clock, cancellationToken));
        if (outcome.Value is { } result)
        {
            var agent = (await TeamAgents.ListAsync(db, User.ToActor(), cancellationToken)).FirstOrDefault(a => a.Code == toAgentId.ToString())?.Label;
            Done = $"{Show.Plural(result.Reassigned, "applicant", "applicants")} reassigned to {agent}"
                + (result.Unchanged > 0 ? $"; {result.Unchanged} already were theirs." : ".")
                + (result.NotFound.Count > 0 ? $" {result.NotFound.Count} could not be found." : "");
            return Redirect("/team/reassign" + QueryFor(null));
        }

        Selected = (applicantIds ?? []).ToHashSet();
        Target = toAgentId;
        Errors = new FormErrors(outcome.Errors.ToDictionary(e => e.Key == "agentId" ? "toAgentId" : e.Key, e => e.Value));
        Problem = outcome.Message;
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        Agents = await TeamAgents.ListAsync(db, User.ToActor(), cancellationToken);
        var outcome = ApiOutcome.From<ApplicantPage>(await ApplicantsApi.ListAsync(
            HttpContext, db, string.IsNullOrWhiteSpace(Q) ? null : Q, string.IsNullOrEmpty(Stage) ? null : Stage, Unassigned ? null : AgentId,
            Unassigned ? true : null, null, null, null, string.IsNullOrEmpty(Cursor) ? null : Cursor, 50, cancellationToken));
        Results = outcome.Value ?? Results;
        if (!outcome.Succeeded && Problem is null)
        {
            Problem = string.Join(" ", outcome.Errors.SelectMany(e => e.Value));
        }
    }
}
