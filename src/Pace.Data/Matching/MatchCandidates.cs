using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;
using Pace.Applicants;
using Pace.Data.Applicants;
using Pace.Listings;
using Pace.Matching;

namespace Pace.Data.Matching;

/// <summary>What matching reads of a listing: its kind, place and the annual price budgets are compared with.</summary>
public sealed class ListingSide
{
    public Guid Id { get; set; }

    public Purpose Purpose { get; set; }

    public PropertyCategory Category { get; set; }

    public string PropertyType { get; set; } = "";

    public string Currency { get; set; } = "";

    public ListingStatus Status { get; set; }

    public Guid LocationId { get; set; }

    public long AnnualPriceMinor { get; set; }

    public short? Bedrooms { get; set; }

    public short? Bathrooms { get; set; }

    public decimal SizeSqft { get; set; }

    public Furnishing Furnishing { get; set; }

    public CompletionStatus CompletionStatus { get; set; }
}

/// <summary>
/// The candidate queries of matching, both directions. Every hard filter and every tolerance band is in the WHERE
/// clause, in a form an index answers (migration 0007 explains which); the candidates come back as
/// <see cref="MatchPair"/>s that the caller ranks with <see cref="MatchScoring.ScoreExpression"/> and pages, so no
/// row leaves PostgreSQL unless it is on the page.
/// </summary>
public static class MatchCandidates
{
    /// <summary>Listings as matching reads them; a rent is compared over a year, whatever its frequency.</summary>
    public static IQueryable<ListingSide> Sides(IQueryable<Listing> listings) =>
        listings.Select(l => new ListingSide
        {
            Id = l.Id,
            Purpose = l.Purpose,
            Category = l.Category,
            PropertyType = l.PropertyType,
            Currency = l.Currency,
            Status = l.Status,
            LocationId = l.LocationId,
            AnnualPriceMinor = l.PriceMinor * (l.RentFrequency == RentFrequency.Monthly ? 12L
                : l.RentFrequency == RentFrequency.Weekly ? 52L
                : l.RentFrequency == RentFrequency.Daily ? 365L
                : 1L),
            Bedrooms = l.Bedrooms,
            Bathrooms = l.Bathrooms,
            SizeSqft = l.SizeSqft,
            Furnishing = l.Furnishing,
            CompletionStatus = l.CompletionStatus,
        });

    /// <summary>
    /// Live listings that fit <paramref name="requirement"/>, except those its applicant is not interested in.
    /// <paramref name="places"/> is every location beneath the places the requirement names (null: anywhere); the
    /// listings are found through it on <c>ix_listings_location_id_status</c>.
    /// </summary>
    public static IQueryable<MatchPair> ListingsFor(PaceDbContext db, Requirement requirement, IReadOnlyCollection<Guid>? places)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(requirement);
        var (purpose, category, currency, applicantId) = (requirement.Purpose, requirement.Category, requirement.Currency, requirement.ApplicantId);
        var listings = db.Listings.AsNoTracking()
            .Where(l => l.Status == ListingStatus.Live && l.Purpose == purpose && l.Category == category && l.Currency == currency);
        if (requirement.PropertyTypes is { Length: > 0 } types)
        {
            listings = listings.Where(l => types.Contains(l.PropertyType));
        }

        if (places is not null)
        {
            listings = listings.Where(l => places.Contains(l.LocationId));
        }

        if (requirement.BedroomsMin is { } fewest)
        {
            listings = listings.Where(l => l.Bedrooms >= fewest);
        }

        if (requirement.BedroomsMax is { } most)
        {
            var mostTaken = most + MatchTolerance.ExtraBedrooms;
            listings = listings.Where(l => l.Bedrooms <= mostTaken);
        }

        var (smallest, largest) = MatchTolerance.SizesFor(requirement.SizeMinSqft, requirement.SizeMaxSqft);
        if (smallest is { } fromSize)
        {
            listings = listings.Where(l => l.SizeSqft >= fromSize);
        }

        if (largest is { } toSize)
        {
            listings = listings.Where(l => l.SizeSqft <= toSize);
        }

        listings = listings.Where(l => !db.NotInterestedMarks.Any(n => n.ApplicantId == applicantId && n.ListingId == l.Id));
        var sides = Sides(listings);
        var (lowest, highest) = MatchTolerance.PricesFor(requirement.BudgetMin, requirement.BudgetMax);
        if (lowest is { } fromPrice)
        {
            sides = sides.Where(s => s.AnnualPriceMinor >= fromPrice);
        }

        if (highest is { } toPrice)
        {
            sides = sides.Where(s => s.AnnualPriceMinor <= toPrice);
        }

        var (requirementId, named, anywhere) = (requirement.Id, requirement.LocationIds, requirement.LocationIds.Length == 0);
        var (bedroomsMin, bedroomsMax, bathroomsMin) = (requirement.BedroomsMin, requirement.BedroomsMax, requirement.BathroomsMin);
        var (budgetMin, budgetMax, sizeMin, sizeMax) = (requirement.BudgetMin, requirement.BudgetMax, requirement.SizeMinSqft, requirement.SizeMaxSqft);
        var (furnishing, completion) = (requirement.Furnishing, requirement.CompletionStatus);
        return sides.Select(s => new MatchPair
        {
            RequirementId = requirementId,
            ApplicantId = applicantId,
            ListingId = s.Id,
            BedroomsMin = bedroomsMin,
            BedroomsMax = bedroomsMax,
            BathroomsMin = bathroomsMin,
            BudgetMin = budgetMin,
            BudgetMax = budgetMax,
            SizeMinSqft = sizeMin,
            SizeMaxSqft = sizeMax,
            WantedFurnishing = furnishing,
            WantedCompletion = completion,
            WantedLocationIds = named,
            AnnualPriceMinor = s.AnnualPriceMinor,
            Bedrooms = s.Bedrooms,
            Bathrooms = s.Bathrooms,
            SizeSqft = s.SizeSqft,
            Furnishing = s.Furnishing,
            CompletionStatus = s.CompletionStatus,
            LocationId = s.LocationId,
            AnyLocation = anywhere,
            ExactLocation = named.Contains(s.LocationId),
        });
    }

    /// <summary>
    /// Active requirements of active applicants among <paramref name="applicants"/> (the caller's visibility) that
    /// <paramref name="listing"/> fits, except applicants not interested in it. <paramref name="places"/> is the
    /// listing's location and every place above it: a requirement naming any of them takes the listing.
    /// </summary>
    public static IQueryable<MatchPair> ApplicantsFor(PaceDbContext db, IQueryable<Applicant> applicants, ListingSide listing, IReadOnlyCollection<Guid> places)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(listing);
        var (listingId, purpose, category, currency, type) = (listing.Id, listing.Purpose, listing.Category, listing.Currency, listing.PropertyType);
        var (lowest, highest) = MatchTolerance.BudgetsFor(listing.AnnualPriceMinor);
        var budgets = new NpgsqlRange<long>(lowest, true, highest, true);
        var size = listing.SizeSqft;
        Guid[] placeIds = [.. places, RequirementConfiguration.Anywhere];
        var requirements = db.Requirements.AsNoTracking()
            .Where(r => r.IsActive && r.Purpose == purpose && r.Category == category && r.Currency == currency)
            .Where(r => EF.Property<NpgsqlRange<long>?>(r, RequirementConfiguration.BudgetBand)!.Value.Overlaps(budgets))
            .Where(r => r.PropertyTypes.Length == 0 || r.PropertyTypes.Contains(type))
            .Where(r => EF.Property<Guid[]>(r, RequirementConfiguration.MatchPlaces).Any(id => placeIds.Contains(id)))
            .Where(r => r.SizeMinSqft == null || r.SizeMinSqft * (100 - MatchTolerance.SizePercent) <= size * 100)
            .Where(r => r.SizeMaxSqft == null || r.SizeMaxSqft * (100 + MatchTolerance.SizePercent) >= size * 100);
        if (listing.Bedrooms is { } bedrooms)
        {
            // The requirement's range overlaps [bedrooms − extra, bedrooms]: its minimum is not above the listing's
            // bedrooms, its maximum at most ExtraBedrooms below them.
            var taken = new NpgsqlRange<int>(bedrooms - MatchTolerance.ExtraBedrooms, true, bedrooms, true);
            requirements = requirements.Where(r => EF.Property<NpgsqlRange<int>?>(r, RequirementConfiguration.BedroomsBand)!.Value.Overlaps(taken));
        }
        else
        {
            requirements = requirements.Where(r => r.BedroomsMin == null && r.BedroomsMax == null);
        }

        requirements = requirements
            .Where(r => applicants.Any(a => a.Id == r.ApplicantId && a.MergedIntoId == null && a.Stage != ApplicantStage.Won && a.Stage != ApplicantStage.Lost))
            .Where(r => !db.NotInterestedMarks.Any(n => n.ListingId == listingId && n.ApplicantId == r.ApplicantId));

        var (price, beds, baths, furnishing, completion, locationId) =
            (listing.AnnualPriceMinor, listing.Bedrooms, listing.Bathrooms, listing.Furnishing, listing.CompletionStatus, listing.LocationId);
        return requirements.Select(r => new MatchPair
        {
            RequirementId = r.Id,
            ApplicantId = r.ApplicantId,
            ListingId = listingId,
            BedroomsMin = r.BedroomsMin,
            BedroomsMax = r.BedroomsMax,
            BathroomsMin = r.BathroomsMin,
            BudgetMin = r.BudgetMin,
            BudgetMax = r.BudgetMax,
            SizeMinSqft = r.SizeMinSqft,
            SizeMaxSqft = r.SizeMaxSqft,
            WantedFurnishing = r.Furnishing,
            WantedCompletion = r.CompletionStatus,
            WantedLocationIds = r.LocationIds,
            AnnualPriceMinor = price,
            Bedrooms = beds,
            Bathrooms = baths,
            SizeSqft = size,
            Furnishing = furnishing,
            CompletionStatus = completion,
            LocationId = locationId,
            AnyLocation = r.LocationIds.Length == 0,
            ExactLocation = r.LocationIds.Contains(locationId),
        });
    }

    /// <summary>Best first: by score, then a stable order so equal scores page the same way every time.</summary>
    public static IQueryable<MatchPair> Ranked(IQueryable<MatchPair> pairs) =>
        pairs.OrderByDescending(MatchScoring.ScoreExpression).ThenBy(p => p.ListingId).ThenBy(p => p.RequirementId);
}
