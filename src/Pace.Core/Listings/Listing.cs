using Pace.Applicants;
using Pace.Common;
using Pace.Identity;
using Pace.Locations;

namespace Pace.Listings;

public enum Purpose
{
    Sale,
    Rent,
}

public enum PropertyCategory
{
    Residential,
    Commercial,
}

public enum RentFrequency
{
    Yearly,
    Monthly,
    Weekly,
    Daily,
}

public enum Furnishing
{
    Unfurnished,
    SemiFurnished,
    Furnished,
}

/// <summary>The portals' project status (Property Finder <c>projectStatus</c>).</summary>
public enum CompletionStatus
{
    Completed,
    OffPlan,
    CompletedPrimary,
    OffPlanPrimary,
}

public enum ListingStatus
{
    Draft,
    PendingApproval,
    Live,
    UnderOffer,
    Sold,
    Rented,
    Withdrawn,
    Expired,
}

/// <summary>The authority that issued the advertising permit (Property Finder <c>compliance.type</c>).</summary>
public enum PermitType
{
    Rera,
    Dtcm,
    Adrec,
}

public enum MandateType
{
    Exclusive,
    NonExclusive,
}

/// <summary>A property the brokerage markets, for sale or for rent, with everything the portals need.</summary>
public sealed class Listing : Entity, IVersioned
{
    /// <summary>Unique public reference, e.g. <c>AA-S-10234</c> (sale) or <c>AA-R-10235</c> (rent).</summary>
    public required string Reference { get; set; }

    public Purpose Purpose { get; set; }

    public PropertyCategory Category { get; set; }

    /// <summary>Property type code (Property Finder's slug: <c>apartment</c>, <c>villa</c>, <c>office-space</c>…).</summary>
    public required string PropertyType { get; set; }

    public ListingStatus Status { get; set; }

    public DateTimeOffset StatusChangedAt { get; set; }

    /// <summary>Sale price, or rent per <see cref="RentFrequency"/>, in minor units of <see cref="Currency"/>.</summary>
    public long PriceMinor { get; set; }

    public string Currency { get; set; } = Money.Aed;

    public RentFrequency? RentFrequency { get; set; }

    public bool PriceOnApplication { get; set; }

    public short? Cheques { get; set; }

    /// <summary>Annual service charge in minor units.</summary>
    public long? ServiceChargeMinor { get; set; }

    /// <summary>0 is a studio; null where bedrooms do not apply (land, office).</summary>
    public short? Bedrooms { get; set; }

    public short? Bathrooms { get; set; }

    public decimal SizeSqft { get; set; }

    public decimal? PlotSizeSqft { get; set; }

    /// <summary>The deepest node of the location tree (building where known).</summary>
    public Guid LocationId { get; set; }

    public Location? Location { get; set; }

    public string? UnitNumber { get; set; }

    public string? FloorNumber { get; set; }

    public short? ParkingSpaces { get; set; }

    public Furnishing Furnishing { get; set; }

    public CompletionStatus CompletionStatus { get; set; }

    public DateOnly? HandoverOn { get; set; }

    public DateOnly? AvailableFrom { get; set; }

    public string? Developer { get; set; }

    public string? ProjectName { get; set; }

    /// <summary>Amenity codes (Property Finder slugs).</summary>
    public string[] Amenities { get; set; } = [];

    public required string TitleEn { get; set; }

    public string? TitleAr { get; set; }

    public required string DescriptionEn { get; set; }

    public string? DescriptionAr { get; set; }

    public PermitType? PermitType { get; set; }

    /// <summary>Trakheesi/RERA advertising permit number (<c>listingAdvertisementNumber</c>).</summary>
    public string? PermitNumber { get; set; }

    public DateOnly? PermitIssuedOn { get; set; }

    public DateOnly? PermitExpiresOn { get; set; }

    /// <summary>Price and size on the permit; a listing that differs from them cannot go live.</summary>
    public long? PermitPriceMinor { get; set; }

    public decimal? PermitSizeSqft { get; set; }

    public DateTimeOffset? PermitVerifiedAt { get; set; }

    public MandateType? MandateType { get; set; }

    /// <summary>RERA Form A (sale) or landlord NOC (rent) expiry.</summary>
    public DateOnly? MandateExpiresOn { get; set; }

    /// <summary>The owner or landlord; their contact details are visible only to the listing's agent, manager and admins.</summary>
    public Guid? OwnerId { get; set; }

    public Applicant? Owner { get; set; }

    public Guid ListingAgentId { get; set; }

    public User? ListingAgent { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public string? ExternalId { get; set; }

    public List<ListingMedia> Media { get; set; } = [];

    public uint Version { get; set; }
}
