using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pace.Activities;
using Pace.Applicants;
using Pace.Common;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Deals;
using Pace.Listings;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Deals;

/// <summary>
/// Deals, from an accepted offer to completion (the listing Sold or Rented, the applicant Won, the commission and
/// its split between agents recorded) or to falling through (the listing back on the market). Both sides of the
/// offer see a deal; the listing's side closes it.
/// </summary>
public static class DealsApi
{
    public const int MaxReasonLength = 500;

    public const int MaxSplitShares = 20;

    public static RouteGroupBuilder MapDealsApi(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(PacePolicies.Staff);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetDeal").ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/complete", CompleteAsync).WithName("CompleteDeal").ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/fall-through", FallThroughAsync).WithName("FallThroughDeal").ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    internal static async Task<Results<Ok<DealInfo>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var found = await FindAsync(db, db.Deals.VisibleTo(actor, db.Users, db.Listings), id, cancellationToken);
        if (found is null)
        {
            return ApiProblems.NotFound("deal", id);
        }

        EntityTags.Set(context.Response, found.Value.Version);
        return TypedResults.Ok(found.Value.Info);
    }

    /// <summary>
    /// The deal completed: the commission and its split are recorded, the listing becomes Sold (sale) or Rented
    /// (rent), and the applicant Won.
    /// </summary>
    internal static async Task<Results<Ok<DealInfo>, ValidationProblem, ProblemHttpResult>> CompleteAsync(
        Guid id, CompleteDealRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        if (request.CommissionMinor is not { } commission)
        {
            errors["commissionMinor"] = ["commissionMinor (in fils) is required."];
            commission = 0;
        }
        else if (commission < 0)
        {
            errors["commissionMinor"] = ["commissionMinor cannot be negative."];
        }

        var requested = request.Split ?? [];
        if (requested.Count > MaxSplitShares)
        {
            errors["split"] = [$"A commission is split between at most {MaxSplitShares} agents."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var shares = requested.Select(s => new SplitShare(s?.AgentId, s?.Percent, s?.AmountMinor)).ToList();
        var allocation = CommissionSplit.Allocate(commission, shares, out var problems);
        foreach (var problem in problems)
        {
            var field = problem.Index is { } index ? $"split[{index}].{problem.Member}" : "split";
            errors[field] = [.. errors.GetValueOrDefault(field, []), problem.Message];
        }

        var agentIds = allocation.Select(a => a.AgentId).ToList();
        var known = await db.Users.Where(u => agentIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < allocation.Count; i++)
        {
            if (!known.Contains(allocation[i].AgentId))
            {
                errors[$"split[{i}].agentId"] = [$"There is no agent {allocation[i].AgentId}."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var check = (Deal deal) => commission > deal.PriceMinor
            ? $"The commission ({new Money(commission, deal.Currency)}) cannot be more than the price of the deal ({new Money(deal.PriceMinor, deal.Currency)})."
            : null;
        return await CloseAsync(id, DealStatus.Completed, context, db, clock, check, (deal, listing, applicant, entry, now) =>
        {
            deal.CommissionMinor = commission;
            db.DealCommissionSplits.AddRange(allocation.Select(a => new DealCommissionSplit
            {
                DealId = deal.Id, AgentId = a.AgentId, Percent = a.Percent, AmountMinor = a.AmountMinor,
            }));
            ListingStatusChange.Set(db, listing, DealLifecycle.ClosedListingStatus(listing.Purpose), entry.UserId, now);
            if (ApplicantEvents.Move(applicant, ApplicantStage.Won, entry, now) is { } stageChange)
            {
                db.Activities.Add(stageChange);
            }

            var what = listing.Purpose == Purpose.Sale ? "sold" : "rented";
            return ($"Deal completed: {listing.Reference}",
                $"{listing.Reference} {what} at {new Money(deal.PriceMinor, deal.Currency)}; commission {new Money(commission, deal.Currency)}.");
        }, cancellationToken);
    }

    /// <summary>The deal fell through: the listing goes back on the market.</summary>
    internal static async Task<Results<Ok<DealInfo>, ValidationProblem, ProblemHttpResult>> FallThroughAsync(
        Guid id, FallThroughRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        var reason = RequestFields.RequiredText(request.Reason, "reason", MaxReasonLength, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await CloseAsync(id, DealStatus.FallenThrough, context, db, clock, check: null, (deal, listing, _, entry, now) =>
        {
            deal.FallThroughReason = reason;
            if (listing.Status == ListingStatus.UnderOffer)
            {
                ListingStatusChange.Set(db, listing, ListingStatus.Live, entry.UserId, now);
            }

            return ($"Deal fell through: {listing.Reference}", $"{reason} {listing.Reference} is back on the market.");
        }, cancellationToken);
    }

    /// <summary>
    /// Ends a deal the caller sees and whose listing they act for (the listing's agent, their manager, an admin).
    /// <paramref name="check"/> may refuse it (422); <paramref name="apply"/> makes the change, given the deal's timeline
    /// entry (the cause of what follows), and returns that entry's subject and body.
    /// </summary>
    private static async Task<Results<Ok<DealInfo>, ValidationProblem, ProblemHttpResult>> CloseAsync(
        Guid id, DealStatus to, HttpContext context, PaceDbContext db, TimeProvider clock,
        Func<Deal, string?>? check, Func<Deal, Listing, Applicant, Activity, DateTimeOffset, (string Subject, string Body)> apply, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var now = clock.GetUtcNow();
        var deal = await db.Deals.VisibleTo(actor, db.Users, db.Listings).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (deal is null)
        {
            return ApiProblems.NotFound("deal", id);
        }

        if (!await db.Listings.EditableBy(actor, db.Users).AnyAsync(l => l.Id == deal.ListingId, cancellationToken))
        {
            return ApiProblems.Forbidden("The listing's agent, their manager or an admin closes its deals.");
        }

        if (EntityTags.Check(context.Request, deal.Version) == EntityTags.Precondition.Failed)
        {
            return EntityTags.Result(EntityTags.Precondition.Failed);
        }

        if ((DealLifecycle.Refusal(deal, to) ?? check?.Invoke(deal)) is { } refusal)
        {
            return ApiProblems.Refused("Deal cannot change", refusal);
        }

        var listing = await db.Listings.SingleAsync(l => l.Id == deal.ListingId, cancellationToken);
        var applicant = await db.Applicants.SingleAsync(a => a.Id == deal.ApplicantId, cancellationToken);
        DealLifecycle.Move(deal, to, now);
        var entry = new Activity
        {
            Kind = ActivityKind.Offer,
            ApplicantId = deal.ApplicantId,
            ListingId = deal.ListingId,
            OfferId = deal.OfferId,
            UserId = actor.UserId,
            OccurredAt = now,
        };
        (entry.Subject, entry.Body) = apply(deal, listing, applicant, entry, now);
        entry.Data = ActivityData.Of(new
        {
            dealId = deal.Id, status = SnakeCase.Of(deal.Status), priceMinor = deal.PriceMinor, commissionMinor = deal.CommissionMinor, currency = deal.Currency,
        });
        db.Activities.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.Conflict("Changed meanwhile", "The deal, its listing or its applicant changed while this was saved. Read the deal again and retry.");
        }

        var found = (await FindAsync(db, db.Deals, deal.Id, cancellationToken))!.Value;
        EntityTags.Set(context.Response, found.Version);
        return TypedResults.Ok(found.Info);
    }

    private static async Task<(DealInfo Info, uint Version)?> FindAsync(PaceDbContext db, IQueryable<Deal> deals, Guid id, CancellationToken cancellationToken)
    {
        var row = await (
            from deal in deals.AsNoTracking().Where(x => x.Id == id)
            join l in db.Listings on deal.ListingId equals l.Id
            select new { Deal = deal, l.Reference }).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var split = await (
            from s in db.DealCommissionSplits.AsNoTracking().Where(s => s.DealId == id)
            join u in db.Users on s.AgentId equals u.Id
            orderby s.AmountMinor descending, u.DisplayName
            select new CommissionShareInfo(s.AgentId, u.DisplayName, s.Percent, s.AmountMinor)).ToListAsync(cancellationToken);
        var d = row.Deal;
        return (new DealInfo(
            d.Id, d.OfferId, d.ListingId, row.Reference, d.ApplicantId, d.AgentId, d.PriceMinor, d.CommissionMinor, d.Currency, d.Status,
            d.ExpectedCloseOn, d.ClosedAt, d.FallThroughReason, split, d.CreatedAt, d.UpdatedAt), d.Version);
    }
}
