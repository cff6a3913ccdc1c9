using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Web.Applicants;
using Pace.Web.Identity;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Applicants;

/// <summary>
/// Two records of what may be one person, side by side: the person picks the one that stays and confirms, and the
/// merge API's own handler moves everything of the other onto it. Anyone who sees both records may merge them (the
/// handler's rule); a refusal (no longer visible, already merged) is said in words on this page.
/// </summary>
[Authorize(Policy = PacePolicies.Staff)]
public sealed class MergeModel(PaceDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>Timeline entries are counted up to this many; beyond it the page says "more than".</summary>
    public const int CountLimit = 999;

    /// <summary>The record the person came from, then the possible duplicate; empty when either is out of reach.</summary>
    public IReadOnlyList<Side> Sides { get; private set; } = [];

    public Guid Id { get; private set; }

    public Guid? With { get; private set; }

    /// <summary>The record picked to stay (the one the person came from, unless they chose the other).</summary>
    public Guid Keep { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? with, CancellationToken cancellationToken)
    {
        await LoadAsync(id, with, cancellationToken);
        if (Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? with, Guid? keep, CancellationToken cancellationToken)
    {
        var survivor = keep ?? id;
        var duplicate = survivor == id ? with : id;
        if (with is null || (survivor != id && survivor != with))
        {
            await LoadAsync(id, with, cancellationToken);
            Problem ??= "Choose which of the two records stays.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var outcome = ApiOutcome.From<MergeResult>(await ApplicantsApi.MergeAsync(
            survivor, new MergeRequest(duplicate), HttpContext, db, clock, cancellationToken));
        if (outcome.Value is { } merged)
        {
            TempData["Done"] = $"Merged. This is now the one record of {merged.Applicant.FullName}, with the timeline of both.";
            return Redirect($"/applicants/{survivor}");
        }

        await LoadAsync(id, with, cancellationToken);
        Keep = survivor;
        Problem = outcome.IsNotFound
            ? "One of the two records is no longer yours to see, so they cannot be merged."
            : outcome.Message;
        Response.StatusCode = outcome.RefusalStatus;
        return Page();
    }

    private async Task LoadAsync(Guid id, Guid? with, CancellationToken cancellationToken)
    {
        (Id, With, Keep) = (id, with, id);
        if (with is not { } other || other == id)
        {
            Problem = "Open the merge from a possible duplicate on an applicant's page.";
            return;
        }

        var sides = new List<Side>();
        foreach (var applicantId in new[] { id, other })
        {
            var found = ApiOutcome.From<ApplicantInfo>(await ApplicantsApi.GetAsync(applicantId, HttpContext, db, clock, cancellationToken));
            if (found.Value is not { } applicant)
            {
                Problem = "One of the two records is not there, or is not yours to see.";
                return;
            }

            // Capped: an applicant with thousands of entries still costs one short index range.
            var entries = await db.Activities.Where(a => a.ApplicantId == applicantId).Take(CountLimit + 1).CountAsync(cancellationToken);
            sides.Add(new Side(applicant, entries));
        }

        Sides = sides;
        if (sides.FirstOrDefault(s => s.Applicant.MergedIntoId is not null) is { } gone)
        {
            Problem = $"{gone.Applicant.FullName} was already merged into another record.";
        }
    }

    /// <summary>One column of the comparison: the record and how many timeline entries it has.</summary>
    public sealed record Side(ApplicantInfo Applicant, int TimelineEntries)
    {
        public string Entries => TimelineEntries > CountLimit ? $"more than {CountLimit}" : TimelineEntries.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
