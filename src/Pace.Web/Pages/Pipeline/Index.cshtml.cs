using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pace.Applicants;
using Pace.Data;
using Pace.Reference;
using Pace.Web.Applicants;
using Pace.Web.Common;
using Pace.Web.Identity;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Pipeline;

/// <summary>
/// The team's pipeline: one column per stage, each the longest-waiting applicants of that stage through the applicants
/// API's own list handler (keyset-limited, never counted). pipeline.js moves a card by dragging it to another column
/// through the stage endpoint; the "Move to" form on every card does the same from the keyboard or without script.
/// </summary>
[Authorize(Policy = PacePolicies.ManagerOrAdmin)]
public sealed class IndexModel(PaceDbContext db, TimeProvider clock) : PageModel
{
    public const int PerColumn = 20;

    [BindProperty(SupportsGet = true)]
    public Guid? AgentId { get; set; }

    public IReadOnlyList<(ApplicantStage Stage, ApplicantPage Page)> Columns { get; private set; } = [];

    public IReadOnlyList<Choice> Agents { get; private set; } = [];

    public IReadOnlyList<Choice> LostReasons { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [TempData]
    public string? Moved { get; set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>The keyboard's (and no script's) way to move a card: the same stage endpoint as a drag.</summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid id, string? stage, string? lostReason, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        SnakeCaseNaming.Parse<ApplicantStage>(stage, "stage", errors, out var parsed);
        var outcome = errors.Count > 0
            ? null
            : ApiOutcome.From<ApplicantInfo>(await ApplicantsApi.ChangeStageAsync(
                id, new ChangeStageRequest(parsed, string.IsNullOrEmpty(lostReason) ? null : lostReason, null), HttpContext, db, clock, cancellationToken));
        if (outcome?.Value is { } applicant)
        {
            Moved = $"{applicant.FullName} moved to {Show.Label(applicant.Stage)}.";
            return RedirectToPage(new { agentId = AgentId });
        }

        if (outcome?.IsNotFound == true)
        {
            return NotFound();
        }

        Problem = outcome?.Message is { Length: > 0 } message && outcome.Problem is not null
            ? message
            : string.Join(" ", (outcome?.Errors ?? errors).SelectMany(e => e.Value));
        await LoadAsync(cancellationToken);
        Response.StatusCode = outcome?.RefusalStatus ?? StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var actor = User.ToActor();
        Agents = await TeamAgents.ListAsync(db, actor, cancellationToken);
        LostReasons = await ReferenceChoices.ListAsync(db, ReferenceKind.LostReason, cancellationToken);
        var columns = new List<(ApplicantStage, ApplicantPage)>();
        foreach (var stage in Enum.GetValues<ApplicantStage>())
        {
            var outcome = ApiOutcome.From<ApplicantPage>(await ApplicantsApi.ListAsync(
                HttpContext, db, null, Show.Code(stage), AgentId, null, null, null, Show.Code(ApplicantSort.StageAge), null, PerColumn, cancellationToken));
            columns.Add((stage, outcome.Value ?? new ApplicantPage([], null)));
        }

        Columns = columns;
    }
}
