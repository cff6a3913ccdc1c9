using Pace.Applicants;
using Pace.Listings;
using Pace.Matching;

namespace Pace.Web.Matching;

/// <summary>
/// A live listing that fits an applicant, with its score out of 100, the requirement it fits (an applicant may
/// have several; the best fit is shown) and every reason behind the score.
/// </summary>
public sealed record ListingMatch(
    Guid ListingId, string Reference, string Title, Purpose Purpose, string PropertyType, long PriceMinor, string Currency,
    RentFrequency? RentFrequency, short? Bedrooms, short? Bathrooms, decimal SizeSqft, Guid LocationId, string LocationName,
    Guid ListingAgentId, string ListingAgentName, Guid RequirementId, int Score, IReadOnlyList<MatchReason> Reasons);

/// <summary>The best live listings for an applicant, best first.</summary>
public sealed record ListingMatches(Guid ApplicantId, IReadOnlyList<ListingMatch> Items);

/// <summary>An applicant who wants a listing (one of their requirements fits it), as the caller may see them.</summary>
public sealed record ApplicantMatch(
    Guid ApplicantId, string FullName, ApplicantStage Stage, Guid? AssignedAgentId, string? AssignedAgentName,
    DateTimeOffset? LastActivityAt, Guid RequirementId, int Score, IReadOnlyList<MatchReason> Reasons);

/// <summary>The applicants, among those the caller sees, who best fit a listing, best first.</summary>
public sealed record ApplicantMatches(Guid ListingId, IReadOnlyList<ApplicantMatch> Items);

/// <summary>The applicant is not interested in <c>listingId</c>; <c>reason</c> is what they said (optional).</summary>
public sealed record NotInterestedRequest(Guid? ListingId, string? Reason);

public sealed record NotInterestedInfo(Guid ApplicantId, Guid ListingId, string ListingReference, string? Reason, Guid? MarkedById, DateTimeOffset MarkedAt);
