using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pace.Activities;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Data.Locations;
using Pace.Data.Matching;
using Pace.Matching;
using Pace.Web.Applicants;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Matching;

/// <summary>
/// Matching, both ways: the live listings that fit an applicant, and the applicants who want a listing, ranked and
/// explained; and the "not interested" marks that take a listing out of an applicant's matches. Both directions run
/// through the visibility rules: a record the caller may not see answers 404, and a listing's matches name only
/// applicants the caller sees.
/// </summary>
public static class MatchingApi
{
    public const int DefaultLimit = 20;

    public const int MaxLimit = 50;

    public static IEndpointRouteBuilder MapMatchingApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("").RequireAuthorization(PacePolicies.Staff);
        group.MapGet("/api/v1/applicants/{id:guid}/matches", ApplicantMatchesAsync).WithName("MatchListingsToApplicant").ProducesProblems(StatusCodes.Status404NotFound);
        group.MapGet("/api/v1/listings/{id:guid}/matches", ListingMatchesAsync).WithName("MatchApplicantsToListing").ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/api/v1/applicants/{id:guid}/not-interested", MarkNotInterestedAsync).WithName("MarkNotInterested").ProducesProblems(StatusCodes.Status404NotFound);
        group.MapDelete("/api/v1/applicants/{id:guid}/not-interested/{listingId:guid}", UnmarkNotInterestedAsync).WithName("UnmarkNotInterested").ProducesProblems(StatusCodes.Status404NotFound);
        return endpoints;
    }

    internal static async Task<Results<Ok<ListingMatches>, ValidationProblem, ProblemHttpResult>> ApplicantMatchesAsync(
        Guid id, int? limit, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        if (LimitError(limit) is { } invalid)
        {
            return invalid;
        }

        var actor = context.User.ToActor();
        if (!await db.Applicants.VisibleTo(actor, db.Users).AnyAsync(a => a.Id == id, cancellationToken))
        {
            return ApiProblems.NotFound("applicant", id);
        }

        var size = limit ?? DefaultLimit;
        var requirements = await db.Requirements.AsNoTracking().Where(r => r.ApplicantId == id && r.IsActive)
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        Guid[] asked = [.. requirements.SelectMany(r => r.LocationIds).Distinct()];
        var named = await db.Locations.AsNoTracking()
            .Where(l => asked.Contains(l.Id))
            .Select(l => new Place(l.Id, l.Name, l.Path))
            .ToDictionaryAsync(l => l.Id, cancellationToken);

        // Each requirement ranks its own best listings in SQL; a listing that fits two keeps its better fit.
        var best = new Dictionary<Guid, (MatchPair Pair, int Score)>();
        foreach (var requirement in requirements)
        {
            List<Guid>? places = null;
            if (requirement.LocationIds.Length > 0)
            {
                places = [];
                foreach (var place in requirement.LocationIds.Where(named.ContainsKey))
                {
                    places.AddRange(await LocationTree.SubtreeAsync(db, named[place].Path, cancellationToken));
                }
            }

            var pairs = await MatchCandidates.Ranked(MatchCandidates.ListingsFor(db, requirement, places)).Take(size).ToListAsync(cancellationToken);
            foreach (var pair in pairs)
            {
                var score = MatchScoring.Explain(pair, new MatchPlaces(null, null)).Score;
                if (!best.TryGetValue(pair.ListingId, out var kept) || kept.Score < score)
                {
                    best[pair.ListingId] = (pair, score);
                }
            }
        }

        var page = best.Values.OrderByDescending(b => b.Score).ThenBy(b => b.Pair.ListingId).Take(size).Select(b => b.Pair).ToList();
        var listingIds = page.Select(p => p.ListingId).ToList();
        var listings = await db.Listings.AsNoTracking().Where(l => listingIds.Contains(l.Id))
            .Select(l => new
            {
                l.Id, l.Reference, l.TitleEn, l.Purpose, l.PropertyType, l.PriceMinor, l.Currency, l.RentFrequency, l.Bedrooms, l.Bathrooms,
                l.SizeSqft, l.LocationId, LocationName = l.Location!.Name, LocationPath = l.Location.Path, l.ListingAgentId,
                AgentName = l.ListingAgent!.DisplayName,
            })
            .ToDictionaryAsync(l => l.Id, cancellationToken);
        var items = page.Select(pair =>
        {
            var l = listings[pair.ListingId];
            var within = pair.WantedLocationIds.Where(named.ContainsKey).Select(p => named[p])
                .Where(p => l.LocationPath == p.Path || l.LocationPath.StartsWith(p.Path + "/", StringComparison.Ordinal))
                .MaxBy(p => p.Path.Length);
            var (score, reasons) = MatchScoring.Explain(pair, new MatchPlaces(within?.Name, l.LocationName));
            return new ListingMatch(
                l.Id, l.Reference, l.TitleEn, l.Purpose, l.PropertyType, l.PriceMinor, l.Currency, l.RentFrequency, l.Bedrooms, l.Bathrooms,
                l.SizeSqft, l.LocationId, l.LocationName, l.ListingAgentId, l.AgentName, pair.RequirementId, score, reasons);
        }).ToList();
        return TypedResults.Ok(new ListingMatches(id, items));
    }

    internal static async Task<Results<Ok<ApplicantMatches>, ValidationProblem, ProblemHttpResult>> ListingMatchesAsync(
        Guid id, int? limit, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        if (LimitError(limit) is { } invalid)
        {
            return invalid;
        }

        var actor = context.User.ToActor();
        var listing = await MatchCandidates.Sides(db.Listings.AsNoTracking().VisibleTo(actor, db.Users).Where(l => l.Id == id))
            .SingleOrDefaultAsync(cancellationToken);
        if (listing is null)
        {
            return ApiProblems.NotFound("listing", id);
        }

        var path = await Listings.ListingReads.LocationPathAsync(db, listing.LocationId, cancellationToken);
        var paths = LocationTree.PathsDownTo(path);
        var above = await db.Locations.AsNoTracking().Where(l => paths.Contains(l.Path))
            .Select(l => new Place(l.Id, l.Name, l.Path)).ToListAsync(cancellationToken);
        var size = limit ?? DefaultLimit;
        var visible = db.Applicants.VisibleTo(actor, db.Users);

        // An applicant with several requirements that fit appears once, with the best: the first page of pairs
        // holds `size` applicants at the latest after size × (requirements an applicant may have) pairs.
        var pairs = await MatchCandidates.Ranked(MatchCandidates.ApplicantsFor(db, visible, listing, [.. above.Select(p => p.Id)]))
            .Take(size * ApplicantValidation.MaxRequirements)
            .ToListAsync(cancellationToken);
        var page = pairs.DistinctBy(p => p.ApplicantId).Take(size).ToList();
        var applicantIds = page.Select(p => p.ApplicantId).ToList();
        var applicants = await db.Applicants.AsNoTracking().Where(a => applicantIds.Contains(a.Id))
            .Select(a => new { a.Id, a.FullName, a.Stage, a.AssignedAgentId, AgentName = (string?)a.AssignedAgent!.DisplayName, a.LastActivityAt })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var listed = above.Single(p => p.Id == listing.LocationId).Name;
        var items = page.Select(pair =>
        {
            var a = applicants[pair.ApplicantId];
            var asked = above.Where(p => pair.WantedLocationIds.Contains(p.Id)).MaxBy(p => p.Path.Length);
            var (score, reasons) = MatchScoring.Explain(pair, new MatchPlaces(asked?.Name, listed));
            return new ApplicantMatch(a.Id, a.FullName, a.Stage, a.AssignedAgentId, a.AgentName, a.LastActivityAt, pair.RequirementId, score, reasons);
        }).ToList();
        return TypedResults.Ok(new ApplicantMatches(id, items));
    }

    internal static async Task<Results<Created<NotInterestedInfo>, Ok<NotInterestedInfo>, ValidationProblem, ProblemHttpResult>> MarkNotInterestedAsync(
        Guid id, NotInterestedRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        if (!await db.Applicants.VisibleTo(actor, db.Users).AnyAsync(a => a.Id == id, cancellationToken))
        {
            return ApiProblems.NotFound("applicant", id);
        }

        var errors = ApiProblems.Errors();
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (reason is { Length: > NotInterestedMark.MaxReasonLength })
        {
            errors["reason"] = [$"reason is at most {NotInterestedMark.MaxReasonLength} characters."];
        }

        var listing = request.ListingId is { } listingId
            ? await db.Listings.VisibleTo(actor, db.Users).Where(l => l.Id == listingId).Select(l => new { l.Id, l.Reference }).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (listing is null)
        {
            errors["listingId"] = [request.ListingId is null ? "listingId is required: the listing the applicant is not interested in." : $"There is no listing {request.ListingId}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var existing = await db.NotInterestedMarks.SingleOrDefaultAsync(m => m.ApplicantId == id && m.ListingId == listing!.Id, cancellationToken);
        if (existing is not null)
        {
            return TypedResults.Ok(Info(existing, listing!.Reference));
        }

        var now = clock.GetUtcNow();
        var mark = new NotInterestedMark { ApplicantId = id, ListingId = listing!.Id, Reason = reason, MarkedById = actor.UserId };
        db.NotInterestedMarks.Add(mark);
        db.Activities.Add(TimelineEntries.NotInterested(id, listing.Id, listing.Reference, reason, actor.UserId, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Marked at the same moment by another request: theirs stands, and answers for both.
            db.ChangeTracker.Clear();
            var theirs = await db.NotInterestedMarks.AsNoTracking().SingleAsync(m => m.ApplicantId == id && m.ListingId == listing.Id, cancellationToken);
            return TypedResults.Ok(Info(theirs, listing.Reference));
        }

        return TypedResults.Created($"/api/v1/applicants/{id}/not-interested/{listing.Id}", Info(mark, listing.Reference));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> UnmarkNotInterestedAsync(
        Guid id, Guid listingId, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        if (!await db.Applicants.VisibleTo(actor, db.Users).AnyAsync(a => a.Id == id, cancellationToken))
        {
            return ApiProblems.NotFound("applicant", id);
        }

        var mark = await db.NotInterestedMarks.SingleOrDefaultAsync(m => m.ApplicantId == id && m.ListingId == listingId, cancellationToken);
        if (mark is null)
        {
            return ApiProblems.NotFound("not-interested mark for listing", listingId);
        }

        var reference = await db.Listings.Where(l => l.Id == listingId).Select(l => l.Reference).SingleAsync(cancellationToken);
        db.NotInterestedMarks.Remove(mark);
        db.Activities.Add(TimelineEntries.InterestRestored(id, listingId, reference, actor.UserId, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static ValidationProblem? LimitError(int? limit)
    {
        if (limit is null or (>= 1 and <= MaxLimit))
        {
            return null;
        }

        var errors = ApiProblems.Errors();
        errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        return TypedResults.ValidationProblem(errors);
    }

    private static NotInterestedInfo Info(NotInterestedMark mark, string reference) =>
        new(mark.ApplicantId, mark.ListingId, reference, mark.Reason, mark.MarkedById, mark.CreatedAt);

    private sealed record Place(Guid Id, string Name, string Path);
}
