using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using Pace.Listings;
using Pace.Locations;
using Pace.Web.Applicants;

namespace Pace.Web.Listings;

/// <summary>
/// The fields of a listing as a client sends them: every field on create (POST), only the fields to change on update
/// (PATCH), where an absent field is left alone and an explicit <c>null</c> clears an optional one. Enums are their
/// snake_case names; money is in minor units (fils) of <see cref="Currency"/>; sizes in square feet.
/// </summary>
public sealed class ListingRequest
{
    private readonly HashSet<string> _present = new(StringComparer.Ordinal);

    /// <summary><c>sale</c> or <c>rent</c>; set on create only (the reference says which).</summary>
    public string? Purpose { get; set => field = Mark(value); }

    /// <summary><c>residential</c> or <c>commercial</c>.</summary>
    public string? Category { get; set => field = Mark(value); }

    /// <summary>A property type code of the reference data (<c>apartment</c>, <c>villa</c>, <c>office-space</c>…).</summary>
    public string? PropertyType { get; set => field = Mark(value); }

    /// <summary>Sale price, or rent per <see cref="RentFrequency"/>, in fils.</summary>
    public long? PriceMinor { get; set => field = Mark(value); }

    /// <summary><c>AED</c> (the default).</summary>
    public string? Currency { get; set => field = Mark(value); }

    /// <summary>Rent only: <c>yearly</c>, <c>monthly</c>, <c>weekly</c> or <c>daily</c>.</summary>
    public string? RentFrequency { get; set => field = Mark(value); }

    public bool? PriceOnApplication { get; set => field = Mark(value); }

    /// <summary>Rent only: the number of cheques, 1 to 12.</summary>
    public int? Cheques { get; set => field = Mark(value); }

    /// <summary>Annual service charge in fils.</summary>
    public long? ServiceChargeMinor { get; set => field = Mark(value); }

    /// <summary>0 (studio) to 20; null where bedrooms do not apply (land, offices).</summary>
    public int? Bedrooms { get; set => field = Mark(value); }

    public int? Bathrooms { get; set => field = Mark(value); }

    public decimal? SizeSqft { get; set => field = Mark(value); }

    public decimal? PlotSizeSqft { get; set => field = Mark(value); }

    /// <summary>The deepest node of the location tree that applies (the building where known).</summary>
    public Guid? LocationId { get; set => field = Mark(value); }

    public string? UnitNumber { get; set => field = Mark(value); }

    public string? FloorNumber { get; set => field = Mark(value); }

    public int? ParkingSpaces { get; set => field = Mark(value); }

    /// <summary><c>unfurnished</c> (the default), <c>semi_furnished</c> or <c>furnished</c>.</summary>
    public string? Furnishing { get; set => field = Mark(value); }

    /// <summary><c>completed</c> (the default), <c>off_plan</c>, <c>completed_primary</c> or <c>off_plan_primary</c>.</summary>
    public string? CompletionStatus { get; set => field = Mark(value); }

    public DateOnly? HandoverOn { get; set => field = Mark(value); }

    public DateOnly? AvailableFrom { get; set => field = Mark(value); }

    public string? Developer { get; set => field = Mark(value); }

    public string? ProjectName { get; set => field = Mark(value); }

    /// <summary>Amenity codes of the reference data (<c>shared-pool</c>, <c>balcony</c>…).</summary>
    public string[]? Amenities { get; set => field = Mark(value); }

    public string? TitleEn { get; set => field = Mark(value); }

    public string? TitleAr { get; set => field = Mark(value); }

    public string? DescriptionEn { get; set => field = Mark(value); }

    public string? DescriptionAr { get; set => field = Mark(value); }

    /// <summary>The advertising permit's authority: <c>rera</c> (Dubai), <c>dtcm</c> (Dubai holiday homes), <c>adrec</c> (Abu Dhabi).</summary>
    public string? PermitType { get; set => field = Mark(value); }

    /// <summary>The Trakheesi/RERA permit number (Property Finder's <c>listingAdvertisementNumber</c>).</summary>
    public string? PermitNumber { get; set => field = Mark(value); }

    public DateOnly? PermitIssuedOn { get; set => field = Mark(value); }

    public DateOnly? PermitExpiresOn { get; set => field = Mark(value); }

    /// <summary>The price on the permit, in fils; the listing's price must be the same to go live.</summary>
    public long? PermitPriceMinor { get; set => field = Mark(value); }

    /// <summary>The size on the permit; the listing's size must be the same to go live.</summary>
    public decimal? PermitSizeSqft { get; set => field = Mark(value); }

    /// <summary><c>exclusive</c> or <c>non_exclusive</c>.</summary>
    public string? MandateType { get; set => field = Mark(value); }

    /// <summary>Expiry of the Form A (sale) or landlord NOC (rent).</summary>
    public DateOnly? MandateExpiresOn { get; set => field = Mark(value); }

    /// <summary>The owner or landlord: an applicant the caller can see.</summary>
    public Guid? OwnerId { get; set => field = Mark(value); }

    /// <summary>The listing agent: the caller by default; a manager may name an agent of their team, an admin anyone.</summary>
    public Guid? ListingAgentId { get; set => field = Mark(value); }

    /// <summary>Whether the body named the property (PATCH: an absent field is left alone).</summary>
    internal bool Has(string property) => _present.Contains(property);

    private T Mark<T>(T value, [CallerMemberName] string property = "")
    {
        _present.Add(property);
        return value;
    }
}

/// <summary>Why a listing is withdrawn (optional).</summary>
public sealed record WithdrawListingRequest(string? Reason);

/// <summary>Why the manager rejects (required): the agent reads it on the listing's timeline.</summary>
public sealed record RejectApprovalRequest(string? Reason);

/// <summary>A photo, floor plan, video or 360° tour by its URL; added at the end of the listing's media.</summary>
public sealed record AddListingMediaRequest(string? Kind, string? Url, string? Caption);

/// <summary>Every media id of the listing, in the new display order (the first image is the cover).</summary>
public sealed record ReorderListingMediaRequest(Guid[]? MediaIds);

public sealed record ListingLocationInfo(Guid Id, string Name, string Path, LocationLevel Level, string? CommunityName);

public sealed record ListingAgentInfo(Guid Id, string DisplayName, string Email, string? Phone);

/// <summary>The owner or landlord and how to reach them: only for the listing's agent, the agent's manager and admins.</summary>
public sealed record ListingOwnerInfo(Guid Id, string FullName, IReadOnlyList<ApplicantPhoneInfo> Phones, IReadOnlyList<string> Emails);

public sealed record ListingMediaInfo(
    Guid Id, MediaKind Kind, int SortOrder, string? Url, string? Caption, string? ContentType, int? Width, int? Height);

/// <summary>A request for approval, with the listing it is about and whether the caller may decide it.</summary>
public sealed record ListingApprovalInfo(
    Guid Id, ApprovalKind Kind, ApprovalDecision Decision, Guid ListingId, string ListingReference, string ListingTitle,
    ListingStatus ListingStatus, Guid ListingAgentId, string ListingAgentName, Guid RequestedById, string RequestedByName,
    DateTimeOffset RequestedAt, long? PreviousPriceMinor, long? RequestedPriceMinor, string Currency, Guid? DecidedById,
    DateTimeOffset? DecidedAt, string? Reason, bool MayDecide);

public sealed record ListingApprovalPage(IReadOnlyList<ListingApprovalInfo> Items, string? NextCursor);

/// <summary>A listing as the people who may see it read it; the owner only for those who may see the owner.</summary>
public sealed record ListingInfo
{
    public required Guid Id { get; init; }

    public required string Reference { get; init; }

    public required Purpose Purpose { get; init; }

    public required PropertyCategory Category { get; init; }

    public required string PropertyType { get; init; }

    public required ListingStatus Status { get; init; }

    public required DateTimeOffset StatusChangedAt { get; init; }

    public required long PriceMinor { get; init; }

    public required string Currency { get; init; }

    public required RentFrequency? RentFrequency { get; init; }

    public required bool PriceOnApplication { get; init; }

    public required short? Cheques { get; init; }

    public required long? ServiceChargeMinor { get; init; }

    public required short? Bedrooms { get; init; }

    public required short? Bathrooms { get; init; }

    public required decimal SizeSqft { get; init; }

    public required decimal? PlotSizeSqft { get; init; }

    public required ListingLocationInfo Location { get; init; }

    public required string? UnitNumber { get; init; }

    public required string? FloorNumber { get; init; }

    public required short? ParkingSpaces { get; init; }

    public required Furnishing Furnishing { get; init; }

    public required CompletionStatus CompletionStatus { get; init; }

    public required DateOnly? HandoverOn { get; init; }

    public required DateOnly? AvailableFrom { get; init; }

    public required string? Developer { get; init; }

    public required string? ProjectName { get; init; }

    public required IReadOnlyList<string> Amenities { get; init; }

    public required string TitleEn { get; init; }

    public required string? TitleAr { get; init; }

    public required string DescriptionEn { get; init; }

    public required string? DescriptionAr { get; init; }

    public required PermitType? PermitType { get; init; }

    public required string? PermitNumber { get; init; }

    public required DateOnly? PermitIssuedOn { get; init; }

    public required DateOnly? PermitExpiresOn { get; init; }

    public required long? PermitPriceMinor { get; init; }

    public required decimal? PermitSizeSqft { get; init; }

    public required DateTimeOffset? PermitVerifiedAt { get; init; }

    public required MandateType? MandateType { get; init; }

    public required DateOnly? MandateExpiresOn { get; init; }

    /// <summary>Absent unless the caller may see the owner (the listing's agent, the agent's manager, admins).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public required ListingOwnerInfo? Owner { get; init; }

    public required ListingAgentInfo ListingAgent { get; init; }

    public required DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Images, floor plans, videos and tours in display order.</summary>
    public required IReadOnlyList<ListingMediaInfo> Media { get; init; }

    /// <summary>What keeps the listing from going live today (empty when nothing does).</summary>
    public required IReadOnlyList<ComplianceProblem> ComplianceProblems { get; init; }

    /// <summary>Approvals waiting for a decision (go-live, price change); for the people who may edit the listing.</summary>
    public required IReadOnlyList<ListingApprovalInfo> PendingApprovals { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One listing of a search result: what a results list shows.</summary>
public sealed record ListingRow(
    Guid Id, string Reference, string Title, Purpose Purpose, string PropertyType, ListingStatus Status, long PriceMinor, string Currency,
    RentFrequency? RentFrequency, short? Bedrooms, short? Bathrooms, decimal SizeSqft, Guid LocationId, string LocationName,
    string? CommunityName, Guid ListingAgentId, string ListingAgentName, string? ImageUrl, DateTimeOffset? PublishedAt, DateTimeOffset CreatedAt);

public sealed record ListingPage(IReadOnlyList<ListingRow> Items, string? NextCursor);
