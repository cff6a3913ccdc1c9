using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pace.Common;
using Pace.Data;
using Pace.Viewings;
using Pace.Web.Identity;
using Pace.Web.Ui;
using Pace.Web.Viewings;

namespace Pace.Web.Pages.Calendar;

/// <summary>
/// The caller's viewings on a week or day calendar (FullCalendar, in calendar.js). It shows Dubai wall-clock time
/// whatever the browser's zone: events travel as Dubai local times without an offset. Dragging a viewing reschedules
/// it through the viewings API's own handler, double-booking check included.
/// </summary>
[Authorize(Policy = PacePolicies.Staff)]
public sealed class IndexModel(PaceDbContext db, TimeProvider clock) : PageModel
{
    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm:ss";

    /// <summary>Now in Dubai, for the calendar's "now" line and its first day.</summary>
    public string NowLocal { get; private set; } = "";

    /// <summary>The day to open on (<c>?date=2025-03-14</c>); today by default.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? Date { get; set; }

    public void OnGet() => NowLocal = Local(clock.GetUtcNow());

    /// <summary>The viewings in [start, end) (Dubai wall-clock, as FullCalendar asks), every page of them.</summary>
    public async Task<IActionResult> OnGetEventsAsync(string? start, string? end, CancellationToken cancellationToken)
    {
        var from = DubaiInput.Parse(Trim(start));
        var to = DubaiInput.Parse(Trim(end));
        if (from is null || to is null)
        {
            return BadRequest();
        }

        var events = new List<object>();
        string? cursor = null;
        do
        {
            var outcome = ApiOutcome.From<ViewingPage>(await ViewingsApi.ListAsync(HttpContext, db, clock, null, from, to, cursor, 200, cancellationToken));
            if (outcome.Value is not { } page)
            {
                return BadRequest();
            }

            events.AddRange(page.Items.Select(v => new
            {
                id = v.Id,
                title = $"{v.ApplicantName} · {v.ListingReference}",
                start = Local(v.StartsAt),
                end = Local(v.EndsAt),
                url = $"/applicants/{v.ApplicantId}",
                editable = v.Status is ViewingStatus.Scheduled or ViewingStatus.Confirmed,
                classNames = new[] { "is-" + Show.Code(v.Status).Replace('_', '-') },
                extendedProps = new { status = Show.Label(v.Status), shownStart = Local(v.StartsAt) },
            }));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return new JsonResult(events);
    }

    /// <summary>
    /// Moves a viewing to <paramref name="start"/> (Dubai wall-clock), keeping its length. <paramref name="shownStart"/> is
    /// where the calendar showed it: if it has moved since, the change is refused rather than applied over someone
    /// else's, like an If-Match.
    /// </summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid id, string? start, string? shownStart, CancellationToken cancellationToken)
    {
        var startsAt = DubaiInput.Parse(Trim(start));
        if (startsAt is null)
        {
            return Refusal(StatusCodes.Status400BadRequest, "A new start time is required.");
        }

        var current = ApiOutcome.From<ViewingInfo>(await ViewingsApi.GetAsync(id, HttpContext, db, cancellationToken));
        var etag = Response.Headers.ETag.ToString();
        Response.Headers.Remove("ETag");
        if (current.Value is not { } viewing)
        {
            return Refusal(StatusCodes.Status404NotFound, "That viewing is no longer there.");
        }

        if (Local(viewing.StartsAt) != Trim(shownStart))
        {
            return Refusal(StatusCodes.Status409Conflict, "This viewing was changed meanwhile. The calendar has been refreshed.");
        }

        Request.Headers.IfMatch = etag;
        var moved = ApiOutcome.From<ViewingBooked>(await ViewingsApi.RescheduleAsync(
            id, new RescheduleViewingRequest { StartsAt = startsAt }, HttpContext, db, clock, cancellationToken));
        Response.Headers.Remove("ETag");
        if (moved.Value is { } booked)
        {
            return new JsonResult(new
            {
                message = $"Moved to {Show.DateTime(booked.Viewing.StartsAt)}.",
                warnings = booked.Warnings.Select(w => w.Message),
            });
        }

        return Refusal(moved.RefusalStatus,
            title: moved.Problem?.Detail ?? moved.Problem?.Title ?? string.Join(" ", moved.Errors.SelectMany(e => e.Value)));
    }

    /// <summary>A ProblemDetails the calendar's script shows in a toast.</summary>
    private static ObjectResult Refusal(int status, string title) =>
        new(new ProblemDetails { Status = status, Title = title }) { StatusCode = status, ContentTypes = { "application/problem+json" } };

    private static string Local(DateTimeOffset instant) => DubaiTime.ToDubai(instant).ToString(LocalFormat, CultureInfo.InvariantCulture);

    /// <summary>FullCalendar in its UTC mode writes wall-clock times with a Z or an offset; they are Dubai's here.</summary>
    private static string? Trim(string? value) => value is { Length: >= 19 } ? value[..19] : value;
}
