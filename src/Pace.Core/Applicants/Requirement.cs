using Pace.Common;
using Pace.Listings;

namespace Pace.Applicants;

/// <summary>What an applicant is looking for; matching compares these with listings.</summary>
public sealed class Requirement : Entity, IVersioned
{
    public Guid ApplicantId { get; set; }

    public Purpose Purpose { get; set; }

    public PropertyCategory Category { get; set; }

    /// <summary>Property type codes (<c>apartment</c>, <c>villa</c>…); empty means any.</summary>
    public string[] PropertyTypes { get; set; } = [];

    /// <summary>Location tree ids; a community includes everything below it. Empty means anywhere.</summary>
    public Guid[] LocationIds { get; set; } = [];

    /// <summary>0 is a studio.</summary>
    public short? BedroomsMin { get; set; }

    public short? BedroomsMax { get; set; }

    public short? BathroomsMin { get; set; }

    /// <summary>Budget in minor units of <see cref="Currency"/>; for rent it is per year.</summary>
    public long? BudgetMin { get; set; }

    public long? BudgetMax { get; set; }

    public string Currency { get; set; } = Money.Aed;

    public decimal? SizeMinSqft { get; set; }

    public decimal? SizeMaxSqft { get; set; }

    public DateOnly? MoveInBy { get; set; }

    public Furnishing? Furnishing { get; set; }

    public CompletionStatus? CompletionStatus { get; set; }

    public bool IsActive { get; set; } = true;

    public string? Notes { get; set; }

    public uint Version { get; set; }
}
