using Pace.Listings;

namespace Pace.Matching;

/// <summary>
/// One requirement of an applicant next to one listing: the values matching compares. The matching queries project
/// their candidate rows into it in SQL, rank them with <see cref="MatchScoring.ScoreExpression"/> there, and the few
/// rows of a page are explained by <see cref="MatchScoring.Explain"/> from the same fields.
/// </summary>
public sealed class MatchPair
{
    public Guid RequirementId { get; set; }

    public Guid ApplicantId { get; set; }

    public Guid ListingId { get; set; }

    public short? BedroomsMin { get; set; }

    public short? BedroomsMax { get; set; }

    public short? BathroomsMin { get; set; }

    /// <summary>Yearly for rent, like <see cref="AnnualPriceMinor"/>.</summary>
    public long? BudgetMin { get; set; }

    public long? BudgetMax { get; set; }

    public decimal? SizeMinSqft { get; set; }

    public decimal? SizeMaxSqft { get; set; }

    public Furnishing? WantedFurnishing { get; set; }

    public CompletionStatus? WantedCompletion { get; set; }

    /// <summary>The places the applicant named; empty means anywhere.</summary>
    public Guid[] WantedLocationIds { get; set; } = [];

    /// <summary>The sale price, or the rent over a year whatever the listing's rent frequency.</summary>
    public long AnnualPriceMinor { get; set; }

    public short? Bedrooms { get; set; }

    public short? Bathrooms { get; set; }

    public decimal SizeSqft { get; set; }

    public Furnishing Furnishing { get; set; }

    public CompletionStatus CompletionStatus { get; set; }

    public Guid LocationId { get; set; }

    /// <summary>The applicant named no place.</summary>
    public bool AnyLocation { get; set; }

    /// <summary>The listing is at a place the applicant named, not only somewhere beneath one.</summary>
    public bool ExactLocation { get; set; }
}
