using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pace.Applicants;
using Pace.Common;
using Pace.Data;
using Pace.Reference;
using Pace.Web.Activities;
using Pace.Web.Applicants;
using Pace.Web.Common;
using Pace.Web.Deals;
using Pace.Web.Identity;
using Pace.Web.Listings;
using Pace.Web.Matching;
using Pace.Web.Ui;
using Pace.Web.Viewings;

namespace Pace.Web.Pages.Applicants;

/// <summary>
/// One applicant: profile, requirements, duplicates, the timeline, and the day's actions on them (note, call, task,
/// viewing, offer, stage). Each action runs the API's own handler; htmx swaps the action panel and the timeline in
/// place, and a validation error comes back in the form that caused it, with what was typed.
/// </summary>
[Authorize(Policy = PacePolicies.Staff)]
public sealed class DetailsModel(PaceDbContext db, TimeProvider clock) : PageModel
{
    private const int MatchLimit = 10;

    public ApplicantInfo Applicant { get; private set; } = null!;

    public IReadOnlyList<DuplicateMatch> Duplicates { get; private set; } = [];

    public TimelinePage Timeline { get; private set; } = new([], null);

    public IReadOnlyList<Choice> LostReasons { get; private set; } = [];

    /// <summary>The best live listings for this applicant's requirements, from the matching API's own handler.</summary>
    public IReadOnlyList<ListingMatch> Matches { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>The form that was sent (note, call, task, viewing, offer, stage): it stays open, with its errors.</summary>
    public string? OpenForm { get; private set; }

    public FormErrors Errors { get; private set; } = new();

    public string? Problem { get; private set; }

    public NoteForm NoteInput { get; private set; } = new();

    public CallForm CallInput { get; private set; } = new();

    public TaskForm TaskInput { get; private set; } = new();

    public ViewingForm ViewingInput { get; private set; } = new();

    public OfferForm OfferInput { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // A merged record is a pointer: its old links lead to the record it was merged into, when the caller sees it.
        if (Applicant.MergedIntoId is { } into && ApiOutcome.From<ApplicantInfo>(
                await ApplicantsApi.GetAsync(into, HttpContext, db, clock, cancellationToken)).Value is not null)
        {
            TempData["Done"] = $"{Applicant.FullName} was merged into this record.";
            return Redirect($"/applicants/{into}");
        }

        return Page();
    }

    public Task<IActionResult> OnPostNoteAsync(Guid id, NoteForm note, CancellationToken cancellationToken) =>
        RunAsync(id, "note", () => NoteInput = note, async () => ApiOutcome.From<TimelineItem>(await ActivitiesApi.LogAsync(
            new LogActivityRequest("note", id, null, null, null, note.Body, null, null, null), HttpContext, db, clock, cancellationToken)),
            "Note added", cancellationToken);

    public Task<IActionResult> OnPostCallAsync(Guid id, CallForm call, CancellationToken cancellationToken) =>
        RunAsync(id, "call", () => CallInput = call, async () => ApiOutcome.From<TimelineItem>(await ActivitiesApi.LogAsync(
            new LogActivityRequest("call", id, null, call.Direction, null, call.Body, null, call.Minutes is { } m ? m * 60 : null, call.Outcome),
            HttpContext, db, clock, cancellationToken)),
            "Call logged", cancellationToken);

    public Task<IActionResult> OnPostTaskAsync(Guid id, TaskForm task, CancellationToken cancellationToken) =>
        RunAsync(id, "task", () => TaskInput = task, async () =>
        {
            var outcome = ApiOutcome.From<TaskInfo>(await TasksApi.CreateAsync(
                new CreateTaskRequest(task.Title, task.Notes, id, null, DubaiInput.Parse(task.Due), null, null, task.Priority),
                HttpContext, db, clock, cancellationToken));
            return Rename(outcome, "dueAt", "due");
        }, "Task added", cancellationToken);

    public Task<IActionResult> OnPostViewingAsync(Guid id, ViewingForm viewing, CancellationToken cancellationToken) =>
        RunAsync(id, "viewing", () => ViewingInput = viewing, async () =>
        {
            var listing = await ListingIdAsync(viewing.ListingReference, cancellationToken);
            if (listing is null)
            {
                return ListingNotFound<ViewingBooked>(viewing.ListingReference);
            }

            var outcome = ApiOutcome.From<ViewingBooked>(await ViewingsApi.CreateAsync(
                new CreateViewingRequest(listing, id, null, DubaiInput.Parse(viewing.Start), null, viewing.Minutes, viewing.Notes),
                HttpContext, db, clock, cancellationToken));
            return Rename(outcome, "startsAt", "start");
        }, "Viewing booked", cancellationToken);

    public Task<IActionResult> OnPostOfferAsync(Guid id, OfferForm offer, CancellationToken cancellationToken) =>
        RunAsync(id, "offer", () => OfferInput = offer, async () =>
        {
            var listing = await ListingIdAsync(offer.ListingReference, cancellationToken);
            if (listing is null)
            {
                return ListingNotFound<OfferInfo>(offer.ListingReference);
            }

            long? minor = offer.AmountAed is { } aed ? Money.FromAed(aed).Minor : null;
            var outcome = ApiOutcome.From<OfferInfo>(await OffersApi.CreateAsync(
                new CreateOfferRequest(listing, id, minor, Money.Aed, offer.Conditions, null), HttpContext, db, clock, cancellationToken));
            return Rename(outcome, "amountMinor", "amount");
        }, "Offer recorded", cancellationToken);

    /// <summary>A stage change moves the header too: it answers with the whole page (a redirect after success).</summary>
    public async Task<IActionResult> OnPostStageAsync(Guid id, string? stage, string? lostReason, string? note, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        SnakeCaseNaming.Parse<ApplicantStage>(stage, "stage", errors, out var parsed);
        var outcome = errors.Count > 0
            ? null
            : ApiOutcome.From<ApplicantInfo>(await ApplicantsApi.ChangeStageAsync(
                id, new ChangeStageRequest(parsed, string.IsNullOrEmpty(lostReason) ? null : lostReason, note), HttpContext, db, clock, cancellationToken));
        if (outcome is { Succeeded: true })
        {
            return RedirectToPage(new { id });
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        OpenForm = "stage";
        Errors = new FormErrors(outcome?.Errors ?? errors);
        Problem = outcome?.Problem is null ? null : outcome.Message;
        return Page();
    }

    private async Task<IActionResult> RunAsync<T>(
        Guid id, string form, Action keep, Func<Task<ApiOutcome<T>>> run, string done, CancellationToken cancellationToken)
    {
        var outcome = await run();
        if (!outcome.Succeeded)
        {
            keep();
            OpenForm = form;
            Errors = new FormErrors(outcome.Errors);
            Problem = outcome.Problem is null ? null : outcome.Message;
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (outcome.Succeeded)
        {
            Htmx.Toast(Response, done);
        }

        return Htmx.WantsFragment(Request) ? Partial("_Work", this) : Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var found = ApiOutcome.From<ApplicantInfo>(await ApplicantsApi.GetAsync(id, HttpContext, db, clock, cancellationToken));
        if (found.Value is null)
        {
            return false;
        }

        Applicant = found.Value;
        Duplicates = ApiOutcome.From<IReadOnlyList<DuplicateMatch>>(await ApplicantsApi.DuplicatesAsync(id, HttpContext, db, cancellationToken)).Value ?? [];
        Timeline = ApiOutcome.From<TimelinePage>(await TimelineApi.ApplicantTimelineAsync(id, HttpContext, db, null, null, 30, cancellationToken)).Value ?? Timeline;
        LostReasons = await ReferenceChoices.ListAsync(db, ReferenceKind.LostReason, cancellationToken);
        Matches = ApiOutcome.From<ListingMatches>(await MatchingApi.ApplicantMatchesAsync(id, MatchLimit, HttpContext, db, cancellationToken)).Value?.Items ?? [];
        return true;
    }

    /// <summary>The id of the listing with exactly this reference, among those the caller sees.</summary>
    private async Task<Guid?> ListingIdAsync(string? reference, CancellationToken cancellationToken)
    {
        var wanted = reference?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(wanted))
        {
            return null;
        }

        var found = ApiOutcome.From<ListingPage>(await ListingSearch.SearchAsync(
            new ListingSearchQuery { Reference = wanted, Limit = 5 }, HttpContext, db, cancellationToken));
        return found.Value?.Items.FirstOrDefault(l => l.Reference == wanted)?.Id;
    }

    private static ApiOutcome<T> ListingNotFound<T>(string? reference) => ApiOutcome.Invalid<T>(
        "listingReference", string.IsNullOrWhiteSpace(reference) ? "Enter the listing's reference, e.g. AA-S-10234." : $"No listing you can see has the reference {reference.Trim()}.");

    /// <summary>The API names a field by its JSON name; the form by what the person filled in.</summary>
    private static ApiOutcome<T> Rename<T>(ApiOutcome<T> outcome, string apiField, string formField) =>
        outcome.Errors.ContainsKey(apiField) ? outcome.WithErrors(outcome.Errors.ToDictionary(e => e.Key == apiField ? formField : e.Key, e => e.Value)) : outcome;

    public sealed class NoteForm
    {
        public string? Body { get; set; }
    }

    public sealed class CallForm
    {
        public string? Direction { get; set; } = "outbound";

        public string? Outcome { get; set; } = "answered";

        public int? Minutes { get; set; }

        public string? Body { get; set; }
    }

    public sealed class TaskForm
    {
        public string? Title { get; set; }

        public string? Due { get; set; }

        public string? Priority { get; set; } = "normal";

        public string? Notes { get; set; }
    }

    public sealed class ViewingForm
    {
        public string? ListingReference { get; set; }

        public string? Start { get; set; }

        public int? Minutes { get; set; } = 30;

        public string? Notes { get; set; }
    }

    public sealed class OfferForm
    {
        public string? ListingReference { get; set; }

        public decimal? AmountAed { get; set; }

        public string? Conditions { get; set; }
    }
}
