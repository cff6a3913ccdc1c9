using Pace.Common;

namespace Pace.Matching;

/// <summary>
/// An applicant said a listing is not for them: it leaves their matches (and they leave the listing's) until the
/// mark is removed. One per applicant and listing.
/// </summary>
public sealed class NotInterestedMark : Entity
{
    public const int MaxReasonLength = 500;

    public Guid ApplicantId { get; set; }

    public Guid ListingId { get; set; }

    /// <summary>What the applicant said ("too far from school", "wants a higher floor").</summary>
    public string? Reason { get; set; }

    /// <summary>The member of staff who recorded it.</summary>
    public Guid? MarkedById { get; set; }
}
