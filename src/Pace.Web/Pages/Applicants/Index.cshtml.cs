using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pace.Data;
using Pace.Web.Applicants;
using Pace.Web.Identity;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Applicants;

/// <summary>
/// The applicants the caller sees, newest first, filtered by stage and source and searched by name, phone or email,
/// through the API's own list handler; a keyset "next page" link, never a count.
/// </summary>
[Authorize(Policy = PacePolicies.Staff)]
public sealed class IndexModel(PaceDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Stage { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Source { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public ApplicantPage Results { get; private set; } = new([], null);

    public FormErrors Errors { get; private set; } = new();

    public DateTimeOffset Now { get; private set; }

    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrEmpty(Stage) || !string.IsNullOrEmpty(Source);

    /// <summary>The query string of the next page: the same filters and the cursor.</summary>
    public string NextPageUrl => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["stage"] = Stage, ["source"] = Source, ["sort"] = Sort, ["cursor"] = Results.NextCursor,
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var outcome = ApiOutcome.From<ApplicantPage>(await ApplicantsApi.ListAsync(
            HttpContext, db, Q, NullIfEmpty(Stage), null, null, NullIfEmpty(Source), null, NullIfEmpty(Sort), NullIfEmpty(Cursor), 25, cancellationToken));
        Results = outcome.Value ?? Results;
        Errors = new FormErrors(outcome.Errors);
        // htmx asks for the results only, as the filters change.
        return Htmx.WantsFragment(Request)
            ? Partial("_ApplicantRows", this)
            : Page();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
