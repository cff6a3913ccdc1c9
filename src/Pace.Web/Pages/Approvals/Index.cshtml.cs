using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pace.Data;
using Pace.Web.Identity;
using Pace.Web.Listings;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Approvals;

/// <summary>
/// The approval queue: listings waiting to go live and price changes beyond the threshold, oldest first, through the
/// approvals API's own handlers. Approving answers with the listing as it now is (Live, or at its new price);
/// rejecting needs a reason, and a missing one keeps the form open with what was typed.
/// </summary>
[Authorize(Policy = PacePolicies.ManagerOrAdmin)]
public sealed class IndexModel(PaceDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public ListingApprovalPage Approvals { get; private set; } = new([], null);

    public DateTimeOffset Now { get; private set; }

    /// <summary>What the last decision did, shown once after the redirect.</summary>
    [TempData]
    public string? Decided { get; set; }

    /// <summary>The approval whose reject form was sent with an error, its reason and the message.</summary>
    public Guid? Failed { get; private set; }

    public string? Reason { get; private set; }

    public string? Problem { get; private set; }

    public FormErrors Errors { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = ApiOutcome.From<ListingInfo>(await ListingApprovalsApi.ApproveAsync(id, HttpContext, db, clock, cancellationToken));
        if (outcome.Value is { } listing)
        {
            Decided = $"Approved: {listing.Reference} is now {Show.Label(listing.Status)}.";
            return RedirectToPage();
        }

        return await FailAsync(id, null, outcome, cancellationToken);
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        var outcome = ApiOutcome.From<ListingInfo>(await ListingApprovalsApi.RejectAsync(
            id, new RejectApprovalRequest(reason), HttpContext, db, clock, cancellationToken));
        if (outcome.Value is { } listing)
        {
            Decided = $"Rejected: {listing.Reference} is {Show.Label(listing.Status)}; the agent sees your reason on its timeline.";
            return RedirectToPage();
        }

        return await FailAsync(id, reason, outcome, cancellationToken);
    }

    private async Task<IActionResult> FailAsync(Guid id, string? reason, ApiOutcome<ListingInfo> outcome, CancellationToken cancellationToken)
    {
        if (outcome.IsNotFound)
        {
            return NotFound();
        }

        Failed = id;
        Reason = reason;
        Errors = new FormErrors(outcome.Errors);
        Problem = outcome.Message;
        await LoadAsync(cancellationToken);
        Response.StatusCode = outcome.RefusalStatus;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var outcome = ApiOutcome.From<ListingApprovalPage>(await ListingApprovalsApi.ListAsync(
            HttpContext, db, string.IsNullOrEmpty(Cursor) ? null : Cursor, 25, cancellationToken));
        Approvals = outcome.Value ?? Approvals;
        if (!outcome.Succeeded)
        {
            Problem ??= outcome.Message;
        }
    }
}
