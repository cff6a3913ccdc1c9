using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pace.Activities;
using Pace.Applicants;
using Pace.Common;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Deals;
using Pace.Identity;
using Pace.Listings;
using Pace.Web.Api.Idempotency;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Deals;

/// <summary>
/// Offers by applicants on listings. An offer has two sides: the applicant's agent, who makes and may withdraw it,
/// and the listing's agent, who takes it to the owner and accepts or rejects it; either side may counter. Each
/// side's manager and admins act for them. Accepting puts the listing under offer and opens a deal; while that
/// deal is in progress no other offer on the listing can be accepted.
/// </summary>
public static class OffersApi
{
    /// <summary>AED 100 billion in fils: more is a typing error.</summary>
    public const long MaxAmountMinor = 10_000_000_000_000;

    public const int MaxConditionsLength = 4000;

    public const int MaxReasonLength = 500;

    private static readonly ListingStatus[] OnTheMarket = [ListingStatus.Live, ListingStatus.UnderOffer];

    private enum Side
    {
        /// <summary>The listing's agent, their manager, admins.</summary>
        Listing,

        /// <summary>The applicant's agent (who made the offer), their manager, admins.</summary>
        Applicant,

        Either,
    }

    public static RouteGroupBuilder MapOffersApi(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(PacePolicies.Staff);
        group.MapGet("/", ListAsync).WithName("ListOffers").ProducesProblems(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetOffer").ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateOffer").Idempotent().ProducesProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/accept", AcceptAsync).WithName("AcceptOffer").ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/reject", RejectAsync).WithName("RejectOffer").ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/withdraw", WithdrawAsync).WithName("WithdrawOffer").ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/counter", CounterAsync).WithName("CounterOffer").ProducesProblems(StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    /// <summary>The offers on a listing (<c>listingId</c>) or by an applicant (<c>applicantId</c>), newest first.</summary>
    internal static async Task<Results<Ok<OfferPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext context, PaceDbContext db, Guid? listingId, Guid? applicantId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var errors = ApiProblems.Errors();
        var size = Paging.Limit(limit, errors);
        var after = Paging.After<Cursor>(cursor, errors);
        if (listingId is null == applicantId is null)
        {
            errors["listingId"] = ["Give listingId or applicantId (one of them)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var offers = db.Offers.AsNoTracking().VisibleTo(actor, db.Users, db.Listings);
        if (listingId is { } listing)
        {
            if (!await db.Listings.VisibleTo(actor, db.Users).AnyAsync(l => l.Id == listing, cancellationToken))
            {
                return ApiProblems.NotFound("listing", listing);
            }

            offers = offers.Where(o => o.ListingId == listing);
        }
        else if (applicantId is { } applicant)
        {
            if (!await db.Applicants.VisibleTo(actor, db.Users).AnyAsync(a => a.Id == applicant, cancellationToken))
            {
                return ApiProblems.NotFound("applicant", applicant);
            }

            offers = offers.Where(o => o.ApplicantId == applicant);
        }

        if (after is not null)
        {
            offers = offers.Where(o => EF.Functions.LessThan(ValueTuple.Create(o.CreatedAt, o.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await Rows(db, offers.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Take(size + 1)).ToListAsync(cancellationToken);
        var ordered = rows.Select(r => r.Info).OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).ToList();
        var (items, next) = Paging.Page(ordered, size, o => new Cursor(o.CreatedAt, o.Id));
        return TypedResults.Ok(new OfferPage(items, next));
    }

    internal static async Task<Results<Ok<OfferInfo>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var row = await FindAsync(db, db.Offers.VisibleTo(context.User.ToActor(), db.Users, db.Listings), id, cancellationToken);
        if (row is null)
        {
            return ApiProblems.NotFound("offer", id);
        }

        EntityTags.Set(context.Response, row.Version);
        return TypedResults.Ok(row.Info);
    }

    /// <summary>
    /// An applicant's offer on a listing on the market (Live or Under offer); the applicant moves forward to the Offer
    /// stage where they are behind it.
    /// </summary>
    internal static async Task<Results<Created<OfferInfo>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateOfferRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var now = clock.GetUtcNow();
        var errors = ApiProblems.Errors();
        var amount = ReadAmount(request.AmountMinor, errors);
        var currency = request.Currency?.Trim().ToUpperInvariant() ?? Money.Aed;
        if (currency != Money.Aed)
        {
            errors["currency"] = ["currency must be AED."];
        }

        var conditions = RequestFields.Text(request.Conditions, "conditions", MaxConditionsLength, errors);
        var expiresAt = RequestFields.Utc(request.ExpiresAt);
        if (expiresAt <= now)
        {
            errors["expiresAt"] = ["expiresAt must be in the future."];
        }

        var listing = await RequestFields.ReferencedAsync(request.ListingId, "listingId", "listing", required: true,
            id => db.Listings.AsNoTracking().VisibleTo(actor, db.Users).Where(l => l.Id == id).Select(l => new { l.Id, l.Reference, l.Status })
                .FirstOrDefaultAsync(cancellationToken), errors);
        var applicant = await RequestFields.ReferencedAsync(request.ApplicantId, "applicantId", "applicant", required: true,
            id => db.Applicants.VisibleTo(actor, db.Users).Where(a => a.Id == id).FirstOrDefaultAsync(cancellationToken), errors);
        if (errors.Count > 0 || listing is null || applicant is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!OnTheMarket.Contains(listing.Status))
        {
            return ApiProblems.Refused("Listing not on the market",
                $"{listing.Reference} is {SnakeCase.Of(listing.Status).Replace('_', ' ')}: offers are made on live listings and listings under offer.");
        }

        var offer = new Offer
        {
            ListingId = listing.Id,
            ApplicantId = applicant.Id,
            AgentId = applicant.AssignedAgentId ?? actor.UserId!.Value,
            AmountMinor = amount,
            Currency = currency,
            Status = OfferStatus.Submitted,
            Conditions = conditions,
            ExpiresAt = expiresAt,
        };
        db.Offers.Add(offer);
        var entry = Entry(offer, actor.UserId, now, $"Offer submitted: {listing.Reference}",
            $"Offer of {new Money(amount, currency)} on {listing.Reference}" + (conditions is null ? "." : $" ({conditions})."));
        db.Activities.Add(entry);
        if (ApplicantEvents.Advance(applicant, ApplicantStage.Offer, entry, now) is { } stageChange)
        {
            db.Activities.Add(stageChange);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.Conflict("Changed meanwhile", "The applicant changed while the offer was saved. Try again.");
        }

        var row = (await FindAsync(db, db.Offers, offer.Id, cancellationToken))!;
        EntityTags.Set(context.Response, row.Version);
        return TypedResults.Created($"/api/v1/offers/{offer.Id}", row.Info);
    }

    /// <summary>
    /// The owner accepts: the listing goes under offer and a deal opens at the offer's amount. Only the listing's
    /// side accepts; while another deal on the listing is in progress, no offer can be (409).
    /// </summary>
    internal static async Task<Results<Ok<OfferInfo>, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        Guid id, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (offer, problem) = await FindForAsync(db, actor, id, Side.Listing, context.Request, cancellationToken);
        if (offer is null)
        {
            return problem!;
        }

        // Two accepts on one listing take turns here; the second then sees the first one's deal.
        await db.Database.ExecuteSqlAsync($"SELECT id FROM listings WHERE id = {offer.ListingId} FOR UPDATE", cancellationToken);
        var listing = await db.Listings.SingleAsync(l => l.Id == offer.ListingId, cancellationToken);
        if (OfferLifecycle.Refusal(offer, OfferStatus.Accepted, now) is { } refusal)
        {
            return ApiProblems.Refused("Offer cannot be accepted", refusal);
        }

        var dealInProgress = await db.Deals.Where(d => d.ListingId == listing.Id && d.Status == DealStatus.InProgress)
            .Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        if (dealInProgress is { } dealId)
        {
            return DealInProgress(listing.Reference, dealId);
        }

        if (!OnTheMarket.Contains(listing.Status))
        {
            return ApiProblems.Refused("Listing not on the market",
                $"{listing.Reference} is {SnakeCase.Of(listing.Status).Replace('_', ' ')}: its offers can no longer be accepted.");
        }

        OfferLifecycle.Move(offer, OfferStatus.Accepted, now);
        ListingStatusChange.Set(db, listing, ListingStatus.UnderOffer, actor.UserId, now);
        var deal = new Deal
        {
            OfferId = offer.Id,
            ListingId = listing.Id,
            ApplicantId = offer.ApplicantId,
            AgentId = offer.AgentId,
            PriceMinor = offer.AmountMinor,
            Currency = offer.Currency,
            Status = DealStatus.InProgress,
        };
        db.Deals.Add(deal);
        db.Activities.Add(Entry(offer, actor.UserId, now, $"Offer accepted: {listing.Reference}",
            $"The owner accepted {new Money(offer.AmountMinor, offer.Currency)}; the listing is under offer.", deal.Id));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return DealInProgress(listing.Reference, null);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.Conflict("Changed meanwhile", "The offer or its listing changed while this was saved. Read them again and retry.");
        }

        return await RespondAsync(db, context, offer.Id, cancellationToken);
    }

    internal static async Task<Results<Ok<OfferInfo>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        Guid id, OfferReasonRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        var reason = RequestFields.RequiredText(request.Reason, "reason", MaxReasonLength, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await DecideAsync(id, OfferStatus.Rejected, Side.Listing, context, db, clock, (offer, reference) =>
        {
            offer.DecisionReason = reason;
            return ($"Offer rejected: {reference}", $"The owner rejected {new Money(offer.AmountMinor, offer.Currency)}: {reason}");
        }, cancellationToken);
    }

    internal static async Task<Results<Ok<OfferInfo>, ValidationProblem, ProblemHttpResult>> WithdrawAsync(
        Guid id, OfferReasonRequest? request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        var reason = RequestFields.Text(request?.Reason, "reason", MaxReasonLength, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await DecideAsync(id, OfferStatus.Withdrawn, Side.Applicant, context, db, clock, (offer, reference) =>
        {
            offer.DecisionReason = reason;
            return ($"Offer withdrawn: {reference}", reason is null ? "The applicant withdrew the offer." : $"The applicant withdrew the offer: {reason}");
        }, cancellationToken);
    }

    /// <summary>A counter-offer from either side: the new amount is the one on the table.</summary>
    internal static async Task<Results<Ok<OfferInfo>, ValidationProblem, ProblemHttpResult>> CounterAsync(
        Guid id, CounterOfferRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        var amount = ReadAmount(request.AmountMinor, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        return await DecideAsync(id, OfferStatus.Countered, Side.Either, context, db, clock, (offer, reference) =>
        {
            var previous = new Money(offer.AmountMinor, offer.Currency);
            OfferLifecycle.Counter(offer, amount, now);
            return ($"Offer countered: {reference}", $"Countered at {new Money(amount, offer.Currency)} (was {previous}).");
        }, cancellationToken);
    }

    /// <summary>
    /// One decision on a visible offer by the side it belongs to, refused (422) where the offer's life cycle does
    /// not allow it. <paramref name="apply"/> makes the change (beyond the status) and returns the timeline entry's
    /// subject and body.
    /// </summary>
    private static async Task<Results<Ok<OfferInfo>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid id, OfferStatus to, Side side, HttpContext context, PaceDbContext db, TimeProvider clock,
        Func<Offer, string, (string Subject, string Body)> apply, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var now = clock.GetUtcNow();
        var (offer, problem) = await FindForAsync(db, actor, id, side, context.Request, cancellationToken);
        if (offer is null)
        {
            return problem!;
        }

        if (OfferLifecycle.Refusal(offer, to, now) is { } refusal)
        {
            return ApiProblems.Refused("Offer cannot change", refusal);
        }

        var reference = await db.Listings.Where(l => l.Id == offer.ListingId).Select(l => l.Reference).SingleAsync(cancellationToken);
        if (to != OfferStatus.Countered)
        {
            OfferLifecycle.Move(offer, to, now);
        }

        var (subject, body) = apply(offer, reference);
        db.Activities.Add(Entry(offer, actor.UserId, now, subject, body));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.Conflict("Changed meanwhile", "The offer changed while this was saved. Read it again and retry.");
        }

        return await RespondAsync(db, context, offer.Id, cancellationToken);
    }

    /// <summary>
    /// The offer (tracked) when the caller sees it and acts for <paramref name="side"/>; otherwise the answer: 404 when
    /// they do not see it, 403 when it is the other side's to decide, 412 when an If-Match sent does not match.
    /// </summary>
    private static async Task<(Offer? Offer, ProblemHttpResult? Problem)> FindForAsync(
        PaceDbContext db, Actor actor, Guid id, Side side, HttpRequest request, CancellationToken cancellationToken)
    {
        var offer = await db.Offers.VisibleTo(actor, db.Users, db.Listings).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (offer is null)
        {
            return (null, ApiProblems.NotFound("offer", id));
        }

        var listingSide = await db.Listings.EditableBy(actor, db.Users).AnyAsync(l => l.Id == offer.ListingId, cancellationToken);
        var applicantSide = await db.Users.ActedForBy(actor).AnyAsync(u => u == offer.AgentId, cancellationToken);
        var allowed = side switch
        {
            Side.Listing => listingSide,
            Side.Applicant => applicantSide,
            _ => listingSide || applicantSide,
        };
        if (!allowed)
        {
            return (null, ApiProblems.Forbidden(side == Side.Listing
                ? "The listing's agent, their manager or an admin decides on offers for the owner."
                : "The agent who made the offer, their manager or an admin withdraws it."));
        }

        if (EntityTags.Check(request, offer.Version) == EntityTags.Precondition.Failed)
        {
            return (null, EntityTags.Result(EntityTags.Precondition.Failed));
        }

        return (offer, null);
    }

    private static ProblemHttpResult DealInProgress(string reference, Guid? dealId) => ApiProblems.Conflict(
        "Deal in progress",
        dealId is null
            ? $"Another offer on {reference} was accepted meanwhile: its deal is in progress."
            : $"Deal {dealId} on {reference} is in progress: no other offer can be accepted until it completes or falls through.",
        new Dictionary<string, object?> { ["dealId"] = dealId });

    private static long ReadAmount(long? amountMinor, Dictionary<string, string[]> errors)
    {
        if (amountMinor is not { } amount)
        {
            errors["amountMinor"] = ["amountMinor (in fils) is required."];
            return 0;
        }

        if (amount is <= 0 or > MaxAmountMinor)
        {
            errors["amountMinor"] = [$"amountMinor is more than 0 and at most {MaxAmountMinor} fils."];
        }

        return amount;
    }

    private static Activity Entry(Offer offer, Guid? userId, DateTimeOffset now, string subject, string body, Guid? dealId = null) => new()
    {
        Kind = ActivityKind.Offer,
        ApplicantId = offer.ApplicantId,
        ListingId = offer.ListingId,
        OfferId = offer.Id,
        UserId = userId,
        OccurredAt = now,
        Subject = subject,
        Body = body,
        Data = ActivityData.Of(new { amountMinor = offer.AmountMinor, currency = offer.Currency, status = SnakeCase.Of(offer.Status), dealId }),
    };

    private static async Task<Results<Ok<OfferInfo>, ValidationProblem, ProblemHttpResult>> RespondAsync(
        PaceDbContext db, HttpContext context, Guid id, CancellationToken cancellationToken)
    {
        var row = (await FindAsync(db, db.Offers, id, cancellationToken))!;
        EntityTags.Set(context.Response, row.Version);
        return TypedResults.Ok(row.Info);
    }

    private static Task<Row?> FindAsync(PaceDbContext db, IQueryable<Offer> offers, Guid id, CancellationToken cancellationToken) =>
        Rows(db, offers.AsNoTracking().Where(o => o.Id == id)).FirstOrDefaultAsync(cancellationToken);

    private static IQueryable<Row> Rows(PaceDbContext db, IQueryable<Offer> offers) =>
        from o in offers
        join l in db.Listings on o.ListingId equals l.Id
        select new Row(
            new OfferInfo(
                o.Id, o.ListingId, l.Reference, o.ApplicantId, o.AgentId, o.AmountMinor, o.Currency, o.Status, o.Conditions, o.ExpiresAt,
                o.DecidedAt, o.DecisionReason, db.Deals.Where(d => d.OfferId == o.Id).Select(d => (Guid?)d.Id).FirstOrDefault(),
                o.CreatedAt, o.UpdatedAt),
            o.Version);

    private sealed record Row(OfferInfo Info, uint Version);

    /// <summary>The position after the last offer of a page: (created, id), newest first.</summary>
    private sealed record Cursor(DateTimeOffset At, Guid Id);
}
