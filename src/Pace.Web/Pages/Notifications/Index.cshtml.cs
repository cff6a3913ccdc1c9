using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pace.Data;
using Pace.Web.Identity;
using Pace.Web.Notifications;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Notifications;

/// <summary>The bell's page: the caller's notifications, newest first, through the notifications API's own handlers.</summary>
[Authorize(Policy = PacePolicies.Staff)]
public sealed class IndexModel(PaceDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Unread { get; set; }

    public NotificationPage Results { get; private set; } = new([], null);

    public DateTimeOffset Now { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var outcome = ApiOutcome.From<NotificationPage>(await NotificationsApi.ListAsync(HttpContext, db, Unread ? true : null, Cursor, 30, cancellationToken));
        Results = outcome.Value ?? Results;
        Problem = outcome.Succeeded ? null : "That page of notifications is no longer there: showing the newest.";
    }

    /// <summary>Marks one read and sends the person where it points (or back to the list).</summary>
    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = ApiOutcome.From<NotificationInfo>(await NotificationsApi.MarkReadAsync(id, HttpContext, db, clock, cancellationToken));
        return outcome.Value?.Link is { } link && Url.IsLocalUrl(link) ? LocalRedirect(link) : RedirectToPage();
    }
}
