using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pace.Common;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Data.Listings;
using Pace.Identity;
using Pace.Listings;
using Pace.Web.Api.Idempotency;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Listings;

/// <summary>
/// Listings over the REST API: create, read, update, and their life cycle (submit for approval, withdraw, relist).
/// Reads go through <see cref="Visibility.VisibleTo(IQueryable{Listing}, Actor, IQueryable{User})"/>, changes
/// through <see cref="Visibility.EditableBy"/>: a listing the caller may not see or edit answers 404.
/// </summary>
public static class ListingsApi
{
    public static RouteGroupBuilder MapListingsApi(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(PacePolicies.Staff);
        group.MapGet("/", ListingSearch.SearchAsync).WithName("SearchListings");
        group.MapPost("/", CreateAsync).WithName("CreateListing").Idempotent();
        group.MapGet("/{id:guid}", GetAsync).WithName("GetListing").ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateListing").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status428PreconditionRequired);
        group.MapPost("/{id:guid}/submit", SubmitAsync).WithName("SubmitListing").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/withdraw", WithdrawAsync).WithName("WithdrawListing").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/relist", RelistAsync).WithName("RelistListing").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        group.MapListingMediaApi();
        group.MapListingApprovalsApi();
        return group;
    }

    internal static async Task<Results<Ok<ListingInfo>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var found = await ListingReads.FindAsync(db, context.User.ToActor(), id, clock.GetUtcNow(), cancellationToken);
        if (found is not { } listing)
        {
            return ApiProblems.NotFound("listing", id);
        }

        EntityTags.Set(context.Response, listing.Version);
        return TypedResults.Ok(listing.Info);
    }

    internal static async Task<Results<Created<ListingInfo>, ValidationProblem>> CreateAsync(
        ListingRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var now = clock.GetUtcNow();
        var listing = new Listing
        {
            Reference = "",
            PropertyType = "",
            TitleEn = "",
            DescriptionEn = "",
            Status = ListingStatus.Draft,
            StatusChangedAt = now,
        };
        var errors = ApiProblems.Errors();
        await ListingInput.ApplyAsync(request, listing, creating: true, actor, db, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        listing.Reference = await ListingReferences.NextAsync(db, listing.Purpose, cancellationToken);
        db.Listings.Add(listing);
        ListingEvents.Timeline(db, AuditActorOf(context), now, listing, "Listing created", $"{listing.Reference} created as a draft.");
        await db.SaveChangesAsync(cancellationToken);

        var created = (await ListingReads.FindAsync(db, actor, listing.Id, now, cancellationToken))!.Value;
        EntityTags.Set(context.Response, created.Version);
        return TypedResults.Created($"/api/v1/listings/{listing.Id}", created.Info);
    }

    /// <summary>
    /// A partial update with <c>If-Match</c>. On a listing on the market the change must keep it compliant, and a price
    /// change beyond the approval threshold is not applied: it becomes a price-change approval for the manager.
    /// </summary>
    internal static async Task<Results<Ok<ListingInfo>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, ListingRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var listing = await db.Listings.EditableBy(actor, db.Users).SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (listing is null)
        {
            return ApiProblems.NotFound("listing", id);
        }

        if (EntityTags.Check(context.Request, listing.Version) is not EntityTags.Precondition.Met and var precondition)
        {
            return EntityTags.Result(precondition);
        }

        var now = clock.GetUtcNow();
        var today = DubaiTime.DateOf(now);
        var before = ListingCompliance.Check(listing, await ListingReads.LocationPathAsync(db, listing.LocationId, cancellationToken), today);
        var approvedPrice = listing.PriceMinor;
        var errors = ApiProblems.Errors();
        await ListingInput.ApplyAsync(request, listing, creating: false, actor, db, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (ListingLifecycle.IsOnMarket(listing.Status))
        {
            // Judged as it will be once any price change is approved: the permit must be updated with the price.
            var after = ListingCompliance.Check(listing, await ListingReads.LocationPathAsync(db, listing.LocationId, cancellationToken), today);
            var introduced = ListingCompliance.Introduced(before, after);
            if (introduced.Count > 0)
            {
                return NotCompliant(listing, "cannot take this change while it is on the market", introduced);
            }
        }

        var auditActor = AuditActorOf(context);
        var requestedPrice = listing.PriceMinor;
        var threshold = await PriceChangeThresholdAsync(db, cancellationToken);
        if (PriceChangePolicy.NeedsApproval(listing.Status, approvedPrice, requestedPrice, threshold))
        {
            listing.PriceMinor = approvedPrice;
            await RequestPriceChangeAsync(db, auditActor, now, listing, approvedPrice, requestedPrice, threshold, cancellationToken);
        }
        else if (requestedPrice != approvedPrice && ListingLifecycle.IsOnMarket(listing.Status))
        {
            ListingEvents.Record(db, auditActor, now, listing, "listing.price_changed", "Price changed",
                $"Price changed from {new Money(approvedPrice, listing.Currency)} to {new Money(requestedPrice, listing.Currency)}.",
                new { from = approvedPrice, to = requestedPrice, currency = listing.Currency });
        }

        // Always an UPDATE of the row, so its version is checked even when only a price change was asked for.
        db.Entry(listing).Property(l => l.UpdatedAt).IsModified = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EntityTags.Result(EntityTags.Precondition.Failed);
        }

        return WithValidation(await ReadBackAsync(db, context, id, now, cancellationToken));
    }

    /// <summary>Draft → pending approval, once the listing is compliant; the team manager then approves or rejects it.</summary>
    internal static Task<Results<Ok<ListingInfo>, ProblemHttpResult>> SubmitAsync(
        Guid id, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync(id, context, db, clock, async (listing, now) =>
        {
            if (TransitionRefused(listing, ListingStatus.PendingApproval) is { } refused)
            {
                return refused;
            }

            var path = await ListingReads.LocationPathAsync(db, listing.LocationId, cancellationToken);
            var problems = ListingCompliance.Check(listing, path, DubaiTime.DateOf(now));
            if (problems.Count > 0)
            {
                return NotCompliant(listing, "cannot be submitted for approval", problems);
            }

            var approval = new ListingApproval
            {
                ListingId = listing.Id,
                Kind = ApprovalKind.GoLive,
                RequestedById = context.User.ToActor().UserId!.Value,
                RequestedAt = now,
                Decision = ApprovalDecision.Pending,
            };
            db.ListingApprovals.Add(approval);
            ListingEvents.Move(db, AuditActorOf(context), now, listing, ListingStatus.PendingApproval, "listing.submitted",
                "Submitted for the manager's approval.", new { approvalId = approval.Id });
            return null;
        }, cancellationToken);

    /// <summary>Takes the listing off the market (or out of the approval queue); pending approvals are cancelled.</summary>
    internal static async Task<Results<Ok<ListingInfo>, ValidationProblem, ProblemHttpResult>> WithdrawAsync(
        Guid id, WithdrawListingRequest? request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var reason = request?.Reason?.Trim();
        if (InvalidReason(reason, required: false) is { } invalid)
        {
            return invalid;
        }

        var result = await ChangeAsync(id, context, db, clock, async (listing, now) =>
        {
            if (TransitionRefused(listing, ListingStatus.Withdrawn) is { } refused)
            {
                return refused;
            }

            await CancelPendingApprovalsAsync(db, listing.Id, now, "The listing was withdrawn.", kind: null, cancellationToken);
            ListingEvents.Move(db, AuditActorOf(context), now, listing, ListingStatus.Withdrawn, "listing.withdrawn",
                string.IsNullOrEmpty(reason) ? null : $"Reason: {reason}");
            return null;
        }, cancellationToken);
        return WithValidation(result);
    }

    /// <summary>A withdrawn or expired listing back to draft, to be corrected and submitted again.</summary>
    internal static Task<Results<Ok<ListingInfo>, ProblemHttpResult>> RelistAsync(
        Guid id, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        ChangeAsync(id, context, db, clock, (listing, now) =>
        {
            if (listing.Status is not (ListingStatus.Withdrawn or ListingStatus.Expired))
            {
                return Task.FromResult<ProblemHttpResult?>(TransitionRefused(listing.Status, ListingStatus.Draft,
                    $"Only a withdrawn or expired listing is relisted; this one is {ListingLifecycle.Describe(listing.Status)}."));
            }

            ListingEvents.Move(db, AuditActorOf(context), now, listing, ListingStatus.Draft, "listing.relisted", "Relisted as a draft.");
            return Task.FromResult<ProblemHttpResult?>(null);
        }, cancellationToken);

    /// <summary>
    /// A change of a listing the caller may edit (404 otherwise): <paramref name="change"/> refuses it (a problem) or
    /// makes it (null); it is then saved, 409 if the listing changed meanwhile, and the listing is answered.
    /// </summary>
    private static async Task<Results<Ok<ListingInfo>, ProblemHttpResult>> ChangeAsync(
        Guid id, HttpContext context, PaceDbContext db, TimeProvider clock, Func<Listing, DateTimeOffset, Task<ProblemHttpResult?>> change,
        CancellationToken cancellationToken)
    {
        var listing = await db.Listings.EditableBy(context.User.ToActor(), db.Users).SingleOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (listing is null)
        {
            return ApiProblems.NotFound("listing", id);
        }

        var now = clock.GetUtcNow();
        return await change(listing, now) ?? await SaveAsync(db, listing, cancellationToken)
            ?? await ReadBackAsync(db, context, id, now, cancellationToken);
    }

    /// <summary>
    /// The 400 of a reason (already trimmed) that is too long, or missing where <paramref name="required"/>: the reason is
    /// what the agent reads on the timeline. Null when it is fine.
    /// </summary>
    internal static ValidationProblem? InvalidReason(string? reason, bool required)
    {
        if ((!required || !string.IsNullOrEmpty(reason)) && reason is not { Length: > 1000 })
        {
            return null;
        }

        var errors = ApiProblems.Errors();
        errors["reason"] = [required ? "A reason of 1 to 1000 characters is required: the agent reads it on the listing's timeline." : "reason must be at most 1000 characters."];
        return TypedResults.ValidationProblem(errors);
    }

    /// <summary>The answer of a change, as that of an endpoint that may also answer 400.</summary>
    internal static Results<Ok<ListingInfo>, ValidationProblem, ProblemHttpResult> WithValidation(Results<Ok<ListingInfo>, ProblemHttpResult> result) =>
        result.Result is Ok<ListingInfo> ok ? ok : (ProblemHttpResult)result.Result;

    /// <summary>The 422 of a move the life cycle refuses, naming both statuses; null when the move is allowed.</summary>
    internal static ProblemHttpResult? TransitionRefused(Listing listing, ListingStatus to) =>
        ListingLifecycle.Refusal(listing, to) is { } refusal ? TransitionRefused(listing.Status, to, refusal) : null;

    private static ProblemHttpResult TransitionRefused(ListingStatus from, ListingStatus to, string detail) =>
        ApiProblems.Refused("Status change not allowed", detail, new Dictionary<string, object?>
        {
            ["from"] = ListingEvents.Name(from),
            ["to"] = ListingEvents.Name(to),
        });

    /// <summary>The 422 of a listing that fails its permit checks: the detail and <c>problems</c> name every one.</summary>
    internal static ProblemHttpResult NotCompliant(Listing listing, string what, IReadOnlyList<ComplianceProblem> problems) =>
        ApiProblems.Refused(
            "Listing not compliant",
            $"{listing.Reference} {what}: {string.Join(" ", problems.Select(p => p.Message))}",
            new Dictionary<string, object?> { ["problems"] = problems });

    /// <summary>Closes the listing's pending approvals (all, or those of <paramref name="kind"/>) that nobody will decide now.</summary>
    internal static async Task CancelPendingApprovalsAsync(
        PaceDbContext db, Guid listingId, DateTimeOffset now, string reason, ApprovalKind? kind, CancellationToken cancellationToken)
    {
        var pending = await db.ListingApprovals
            .Where(a => a.ListingId == listingId && a.Decision == ApprovalDecision.Pending && (kind == null || a.Kind == kind))
            .ToListAsync(cancellationToken);
        foreach (var approval in pending)
        {
            approval.Decision = ApprovalDecision.Cancelled;
            approval.DecidedAt = now;
            approval.Reason = reason;
        }
    }

    internal static Data.Audit.AuditActor AuditActorOf(HttpContext context) => HttpAuditActor.From(context);

    /// <summary>Saves a change of status: null when saved, 409 when the listing was changed meanwhile (never overwritten).</summary>
    internal static async Task<ProblemHttpResult?> SaveAsync(PaceDbContext db, Listing listing, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.Conflict("Changed meanwhile", $"{listing.Reference} was changed while this was being done. Read it again and retry.");
        }
    }

    /// <summary>The listing as saved, with its new ETag; 404 when the change took it out of the caller's sight.</summary>
    internal static async Task<Results<Ok<ListingInfo>, ProblemHttpResult>> ReadBackAsync(
        PaceDbContext db, HttpContext context, Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A manager who just handed the listing to another team can no longer see it.
        if (await ListingReads.FindAsync(db, context.User.ToActor(), id, now, cancellationToken) is not { } found)
        {
            return ApiProblems.NotFound("listing", id);
        }

        EntityTags.Set(context.Response, found.Version);
        return TypedResults.Ok(found.Info);
    }

    private static async Task RequestPriceChangeAsync(
        PaceDbContext db, Data.Audit.AuditActor actor, DateTimeOffset now, Listing listing, long from, long to, decimal threshold,
        CancellationToken cancellationToken)
    {
        await CancelPendingApprovalsAsync(db, listing.Id, now, "Replaced by a newer price change.", ApprovalKind.PriceChange, cancellationToken);
        var approval = new ListingApproval
        {
            ListingId = listing.Id,
            Kind = ApprovalKind.PriceChange,
            RequestedById = actor.UserId!.Value,
            RequestedAt = now,
            PreviousPriceMinor = from,
            RequestedPriceMinor = to,
            Decision = ApprovalDecision.Pending,
        };
        db.ListingApprovals.Add(approval);
        ListingEvents.Record(db, actor, now, listing, "listing.price_change_requested", "Price change requested",
            $"Price change from {new Money(from, listing.Currency)} to {new Money(to, listing.Currency)} awaits the manager's approval (more than {threshold}%).",
            new { approvalId = approval.Id, from, to, currency = listing.Currency, thresholdPercent = threshold });
    }

    private static async Task<decimal> PriceChangeThresholdAsync(PaceDbContext db, CancellationToken cancellationToken) =>
        PriceChangePolicy.ParsePercent(await db.Settings.AsNoTracking()
            .Where(s => s.Key == PriceChangePolicy.SettingKey).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken));
}
