using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pace.Data;
using Pace.Web.Applicants;
using Pace.Web.Identity;
using Pace.Web.Listings;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Search;

/// <summary>
/// The global search box: applicants by name, phone or email (within the caller's visibility), listings by
/// reference, and places by name, whose listings the listings page shows.
/// </summary>
[Authorize(Policy = PacePolicies.Staff)]
public sealed class IndexModel(PaceDbContext db) : PageModel
{
    private const int Limit = 10;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<ApplicantSummary> Applicants { get; private set; } = [];

    public IReadOnlyList<ListingRow> Listings { get; private set; } = [];

    public IReadOnlyList<LocationChoice> Places { get; private set; } = [];

    public string? Problem { get; private set; }

    public bool Searched => !string.IsNullOrWhiteSpace(Q);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Searched)
        {
            return;
        }

        var q = Q!.Trim();
        if (q.Length > 200)
        {
            Problem = "Search for at most 200 characters.";
            return;
        }

        var actor = User.ToActor();
        Applicants = (await ApplicantSearch.SearchAsync(db, actor, new ApplicantQuery(q, Limit: Limit), cancellationToken)).Items;
        if (LooksLikeReference(q))
        {
            var listings = ApiOutcome.From<ListingPage>(
                await ListingSearch.SearchAsync(new ListingSearchQuery { Reference = q, Limit = Limit }, HttpContext, db, cancellationToken));
            Listings = listings.Value?.Items ?? [];
        }

        if (!ApplicantSearch.LooksLikePhone(q) && !q.Contains('@', StringComparison.Ordinal))
        {
            Places = await LocationLookup.SearchAsync(db, q, 6, cancellationToken);
        }
    }

    /// <summary>A reference (<c>AA-S-10234</c>) or its number: letters, digits and dashes with at least one digit.</summary>
    private static bool LooksLikeReference(string q) =>
        q.Length <= 32 && q.Any(char.IsAsciiDigit) && q.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && !ApplicantSearch.LooksLikePhone(q);
}
