using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Web.Activities;
using Pace.Web.Identity;
using Pace.Web.Listings;
using Pace.Web.Matching;
using Pace.Web.Media;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Listings;

/// <summary>
/// One listing: its gallery (and the upload of photos), price and facts, the permit and compliance state, and its
/// history of status changes and approvals; its agent submits it for approval or withdraws it from here.
/// </summary>
[Authorize(Policy = PacePolicies.Staff)]
public sealed class DetailsModel(PaceDbContext db, TimeProvider clock, IMediaStore store, IAntiforgery antiforgery) : PageModel
{
    public ListingInfo Listing { get; private set; } = null!;

    public TimelinePage History { get; private set; } = new([], null);

    /// <summary>The applicants the viewer may see whose requirements this listing meets, best first (the matching API's handler).</summary>
    public IReadOnlyList<ApplicantMatch> Matches { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>Whether the caller may change the listing (its agent, their manager, an admin).</summary>
    public bool Editable { get; private set; }

    public string? Problem { get; private set; }

    public IReadOnlyList<string> ProblemDetails { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>Photos from the person's device, each through the API's upload handler (type, size and dimensions checked there).</summary>
    public async Task<IActionResult> OnPostPhotosAsync(Guid id, List<IFormFile> photos, CancellationToken cancellationToken)
    {
        var refused = new List<string>();
        foreach (var photo in photos ?? [])
        {
            var outcome = ApiOutcome.From<ListingMediaInfo>(
                await ListingMediaApi.UploadAsync(id, photo, "image", null, HttpContext, db, store, antiforgery, cancellationToken));
            if (!outcome.Succeeded)
            {
                refused.Add($"{photo.FileName}: {outcome.Problem?.Detail ?? string.Join(" ", outcome.Errors.SelectMany(e => e.Value))}");
            }
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (photos is null or { Count: 0 })
        {
            Problem = "Choose one or more photos first.";
        }
        else if (refused.Count > 0)
        {
            Problem = refused.Count == photos.Count ? "No photo was added." : "Some photos were not added.";
            ProblemDetails = refused;
        }
        else
        {
            TempData["Done"] = photos.Count == 1 ? "Photo added." : $"{photos.Count} photos added.";
            return RedirectToPage(new { id });
        }

        return Page();
    }

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, async () => ApiOutcome.From<ListingInfo>(await ListingsApi.SubmitAsync(id, HttpContext, db, clock, cancellationToken)),
            "Submitted for your manager's approval.", cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, async () => ApiOutcome.From<ListingInfo>(await ListingsApi.WithdrawAsync(id, null, HttpContext, db, clock, cancellationToken)),
            "Withdrawn from the market.", cancellationToken);

    private async Task<IActionResult> ChangeAsync(Guid id, Func<Task<ApiOutcome<ListingInfo>>> change, string done, CancellationToken cancellationToken)
    {
        var outcome = await change();
        if (outcome.Succeeded)
        {
            TempData["Done"] = done;
            return RedirectToPage(new { id });
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Problem = outcome.Message;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var found = ApiOutcome.From<ListingInfo>(await ListingsApi.GetAsync(id, HttpContext, db, clock, cancellationToken));
        // The page is not the record: its ETag would only mislead a cache.
        Response.Headers.Remove("ETag");
        if (found.Value is null)
        {
            return false;
        }

        Listing = found.Value;
        Editable = await db.Listings.EditableBy(User.ToActor(), db.Users).AnyAsync(l => l.Id == id, cancellationToken);
        History = ApiOutcome.From<TimelinePage>(await TimelineApi.ListingTimelineAsync(id, HttpContext, db, null, null, 30, cancellationToken)).Value ?? History;
        Matches = ApiOutcome.From<ApplicantMatches>(await MatchingApi.ListingMatchesAsync(id, 10, HttpContext, db, cancellationToken)).Value?.Items ?? [];
        return true;
    }
}
