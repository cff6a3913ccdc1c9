using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pace.Common;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Listings;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Listings;

/// <summary>
/// The manager's approval queue: listings going live and price changes beyond the threshold wait here for the
/// manager of the listing agent's team (or an admin). Approvals of listings the caller may not edit do not exist for
/// them (404); one they may see but not decide (their own request) is refused with the reason.
/// </summary>
public static class ListingApprovalsApi
{
    public const int MaxLimit = 200;

    public static RouteGroupBuilder MapListingApprovalsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/approvals", ListAsync).WithName("ListListingApprovals");
        group.MapPost("/approvals/{id:guid}/approve", ApproveAsync).WithName("ApproveListingApproval").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/approvals/{id:guid}/reject", RejectAsync).WithName("RejectListingApproval").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    /// <summary>Pending approvals of the listings the caller may edit (a manager's team, an admin's all), oldest first.</summary>
    internal static async Task<Results<Ok<ListingApprovalPage>, ValidationProblem>> ListAsync(
        HttpContext context, PaceDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        var size = limit ?? 50;
        if (size is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        Cursor? after = null;
        if (cursor is not null && (after = KeysetCursor.Decode<Cursor>(cursor)) is null)
        {
            errors["cursor"] = ["cursor is not one this API returned."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var actor = context.User.ToActor();
        var query = ListingReads.ApprovalRows(db, actor).Where(r => r.Approval.Decision == ApprovalDecision.Pending);
        if (after is not null)
        {
            query = query.Where(r => EF.Functions.GreaterThan(
                ValueTuple.Create(r.Approval.RequestedAt, r.Approval.Id), ValueTuple.Create(after.RequestedAt, after.Id)));
        }

        var rows = await query.OrderBy(r => r.Approval.RequestedAt).ThenBy(r => r.Approval.Id).Take(size + 1).ToListAsync(cancellationToken);
        var items = rows.Take(size).Select(r => ListingReads.ToInfo(r, actor)).ToList();
        var next = rows.Count > size ? KeysetCursor.Encode(new Cursor(items[^1].RequestedAt, items[^1].Id)) : null;
        return TypedResults.Ok(new ListingApprovalPage(items, next));
    }

    /// <summary>
    /// Approves: a go-live approval puts the listing live (its compliance checked again, today); a price change applies
    /// the new price, provided the listing stays compliant with it.
    /// </summary>
    internal static Task<Results<Ok<ListingInfo>, ProblemHttpResult>> ApproveAsync(
        Guid id, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        DecideAsync(id, context, db, clock, async (approval, listing, now) =>
        {
            var actor = ListingsApi.AuditActorOf(context);
            var today = DubaiTime.DateOf(now);
            var path = await ListingReads.LocationPathAsync(db, listing.LocationId, cancellationToken);
            if (approval.Kind == ApprovalKind.GoLive)
            {
                if (ListingsApi.TransitionRefused(listing, ListingStatus.Live) is { } refused)
                {
                    return refused;
                }

                var problems = ListingCompliance.Check(listing, path, today);
                if (problems.Count > 0)
                {
                    return ListingsApi.NotCompliant(listing, "cannot go live", problems);
                }

                Decide(approval, ApprovalDecision.Approved, now, context, reason: null);
                ListingEvents.Move(db, actor, now, listing, ListingStatus.Live, "listing.approved", "Approved by the manager and live.",
                    new { approvalId = approval.Id });
                return null;
            }

            var before = ListingCompliance.Check(listing, path, today);
            var from = listing.PriceMinor;
            listing.PriceMinor = approval.RequestedPriceMinor!.Value;
            var introduced = ListingCompliance.Introduced(before, ListingCompliance.Check(listing, path, today));
            if (introduced.Count > 0)
            {
                return ListingsApi.NotCompliant(listing, "cannot take the new price", introduced);
            }

            Decide(approval, ApprovalDecision.Approved, now, context, reason: null);
            ListingEvents.Record(db, actor, now, listing, "listing.price_change_approved", "Price changed",
                $"Price changed from {new Money(from, listing.Currency)} to {new Money(listing.PriceMinor, listing.Currency)}, approved by the manager.",
                new { approvalId = approval.Id, from, to = listing.PriceMinor, currency = listing.Currency });
            return null;
        }, cancellationToken);

    /// <summary>Rejects with a reason: a listing waiting to go live goes back to draft; a price change is simply not applied.</summary>
    internal static async Task<Results<Ok<ListingInfo>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        Guid id, RejectApprovalRequest? request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var reason = request?.Reason?.Trim();
        if (ListingsApi.InvalidReason(reason, required: true) is { } invalid)
        {
            return invalid;
        }

        var result = await DecideAsync(id, context, db, clock, (approval, listing, now) =>
        {
            var actor = ListingsApi.AuditActorOf(context);
            if (approval.Kind == ApprovalKind.GoLive)
            {
                if (ListingsApi.TransitionRefused(listing, ListingStatus.Draft) is { } refused)
                {
                    return Task.FromResult<ProblemHttpResult?>(refused);
                }

                Decide(approval, ApprovalDecision.Rejected, now, context, reason);
                ListingEvents.Move(db, actor, now, listing, ListingStatus.Draft, "listing.rejected", $"Rejected by the manager: {reason}",
                    new { approvalId = approval.Id });
            }
            else
            {
                Decide(approval, ApprovalDecision.Rejected, now, context, reason);
                ListingEvents.Record(db, actor, now, listing, "listing.price_change_rejected", "Price change rejected",
                    $"The price change to {new Money(approval.RequestedPriceMinor ?? 0, listing.Currency)} was rejected: {reason}",
                    new { approvalId = approval.Id, requested = approval.RequestedPriceMinor, currency = listing.Currency, reason });
            }

            return Task.FromResult<ProblemHttpResult?>(null);
        }, cancellationToken);
        return ListingsApi.WithValidation(result);
    }

    /// <summary>
    /// A decision on a pending approval of a listing the caller may edit (404 otherwise), by someone who may decide it
    /// (422 otherwise): <paramref name="decide"/> refuses it (a problem) or makes it (null); saved, then the listing answered.
    /// </summary>
    private static async Task<Results<Ok<ListingInfo>, ProblemHttpResult>> DecideAsync(
        Guid id, HttpContext context, PaceDbContext db, TimeProvider clock, Func<ListingApproval, Listing, DateTimeOffset, Task<ProblemHttpResult?>> decide,
        CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var editable = db.Listings.EditableBy(actor, db.Users);
        var approval = await db.ListingApprovals.Where(a => a.Id == id && editable.Any(l => l.Id == a.ListingId)).SingleOrDefaultAsync(cancellationToken);
        if (approval is null)
        {
            return ApiProblems.NotFound("listing approval", id);
        }

        var listing = await db.Listings.Include(l => l.ListingAgent).SingleAsync(l => l.Id == approval.ListingId, cancellationToken);
        if (approval.Decision != ApprovalDecision.Pending)
        {
            return ApiProblems.Conflict("Already decided",
                $"This approval of {listing.Reference} is already {approval.Decision.ToString().ToLowerInvariant()}{(approval.Reason is null ? "" : $": {approval.Reason}")}");
        }

        if (ApprovalPolicy.Refusal(actor, approval, listing.ListingAgentId, listing.ListingAgent!.TeamId) is { } refusal)
        {
            return ApiProblems.Refused("Not yours to decide", refusal);
        }

        var now = clock.GetUtcNow();
        return await decide(approval, listing, now) ?? await ListingsApi.SaveAsync(db, listing, cancellationToken)
            ?? await ListingsApi.ReadBackAsync(db, context, listing.Id, now, cancellationToken);
    }

    private static void Decide(ListingApproval approval, ApprovalDecision decision, DateTimeOffset now, HttpContext context, string? reason)
    {
        approval.Decision = decision;
        approval.DecidedById = context.User.ToActor().UserId;
        approval.DecidedAt = now;
        approval.Reason = reason;
    }

    /// <summary>The position after the last approval of a page: (requested at, id).</summary>
    private sealed record Cursor(DateTimeOffset RequestedAt, Guid Id);
}
