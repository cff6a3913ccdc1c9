using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Pace.Data;
using Pace.Web.Applicants;
using Pace.Web.Identity;
using Pace.Web.SavedViews;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Applicants;

/// <summary>
/// The applicants the caller sees, newest first, filtered by stage and source and searched by name, phone or email,
/// through the API's own list handler; a keyset "next page" link, never a count. Above the list, the caller's saved
/// views: each a link with its filters, saved and deleted through the saved-views API's handlers.
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

    /// <summary>The caller's saved views of this list, by name.</summary>
    public IReadOnlyList<SavedViewInfo> Views { get; private set; } = [];

    /// <summary>The name typed into "Save view", kept when it is refused.</summary>
    public string? ViewName { get; private set; }

    public FormErrors ViewErrors { get; private set; } = new();

    /// <summary>A refused save that is not about the name (too many views).</summary>
    public string? ViewProblem { get; private set; }

    /// <summary>A refused delete, shown after the redirect back to the list (the view was already deleted).</summary>
    [TempData]
    public string? Refused { get; set; }

    [TempData]
    public string? Done { get; set; }

    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrEmpty(Stage) || !string.IsNullOrEmpty(Source);

    /// <summary>The filters shown now, as a saved view stores them (no cursor).</summary>
    public string CurrentQuery => SavedViewPages.Normalise(SavedViewPages.Applicants, QueryString.Create(Filters).ToUriComponent());

    /// <summary>The query string of the next page: the same filters and the cursor.</summary>
    public string NextPageUrl => QueryString.Create(Filters.Append(KeyValuePair.Create("cursor", Results.NextCursor))
        .Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    private IEnumerable<KeyValuePair<string, string?>> Filters =>
    [
        KeyValuePair.Create("q", Q), KeyValuePair.Create("stage", Stage), KeyValuePair.Create("source", Source), KeyValuePair.Create("sort", Sort),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        // htmx asks for the results only, as the filters change.
        return Htmx.WantsFragment(Request)
            ? Partial("_ApplicantRows", this)
            : Page();
    }

    /// <summary>Saves the filters of <paramref name="query"/> (what the address bar shows) as a view named <paramref name="viewName"/>.</summary>
    public async Task<IActionResult> OnPostSaveViewAsync(string? viewName, string? query, CancellationToken cancellationToken)
    {
        var outcome = ApiOutcome.From<SavedViewInfo>(await SavedViewsApi.CreateAsync(
            new CreateSavedViewRequest(SavedViewPages.Applicants, viewName, query ?? ""), HttpContext, db, cancellationToken));
        if (outcome.Value is { } saved)
        {
            Done = $"Saved the view \u201c{saved.Name}\u201d.";
            return Redirect(saved.Url);
        }

        Apply(query);
        ViewName = viewName;
        ViewErrors = new FormErrors(outcome.Errors);
        ViewProblem = outcome.Problem is null ? null : outcome.Message;
        await LoadAsync(cancellationToken);
        Response.StatusCode = outcome.RefusalStatus;
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteViewAsync(Guid id, string? name, string? query, CancellationToken cancellationToken)
    {
        var outcome = ApiOutcome.From<object>(await SavedViewsApi.DeleteAsync(id, HttpContext, db, cancellationToken));
        if (outcome.Succeeded)
        {
            Done = $"Deleted the view \u201c{name}\u201d.";
        }
        else
        {
            Refused = "That view was already deleted.";
        }

        return Redirect(SavedViewPages.Url(SavedViewPages.Applicants, SavedViewPages.Normalise(SavedViewPages.Applicants, query)));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var outcome = ApiOutcome.From<ApplicantPage>(await ApplicantsApi.ListAsync(
            HttpContext, db, Q, NullIfEmpty(Stage), null, null, NullIfEmpty(Source), null, NullIfEmpty(Sort), NullIfEmpty(Cursor), 25, cancellationToken));
        Results = outcome.Value ?? Results;
        Errors = new FormErrors(outcome.Errors);
        if (!Htmx.WantsFragment(Request))
        {
            Views = ApiOutcome.From<SavedViewList>(await SavedViewsApi.ListAsync(HttpContext, db, SavedViewPages.Applicants, cancellationToken)).Value?.Items ?? [];
        }
    }

    /// <summary>Shows the list a refused save was made from, so the person sees what they were saving.</summary>
    private void Apply(string? query)
    {
        var filters = QueryHelpers.ParseQuery(SavedViewPages.Normalise(SavedViewPages.Applicants, query));
        Q = filters.TryGetValue("q", out var q) ? q.ToString() : null;
        Stage = filters.TryGetValue("stage", out var stage) ? stage.ToString() : null;
        Source = filters.TryGetValue("source", out var source) ? source.ToString() : null;
        Sort = filters.TryGetValue("sort", out var sort) ? sort.ToString() : null;
        Cursor = null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
