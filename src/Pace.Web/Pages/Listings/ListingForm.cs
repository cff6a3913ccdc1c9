using Pace.Common;
using Pace.Data;
using Pace.Reference;
using Pace.Web.Listings;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Listings;

/// <summary>
/// What the listing form holds, as typed (AED rather than fils, a place by its label), so that a refused form comes
/// back exactly as it was sent. <see cref="ToRequest"/> turns it into the API's <see cref="ListingRequest"/>.
/// </summary>
public sealed class ListingForm
{
    public string? Purpose { get; set; } = "sale";

    public string? Category { get; set; } = "residential";

    public string? PropertyType { get; set; }

    public string? TitleEn { get; set; }

    public string? DescriptionEn { get; set; }

    public decimal? PriceAed { get; set; }

    public string? RentFrequency { get; set; }

    public int? Bedrooms { get; set; }

    public int? Bathrooms { get; set; }

    public decimal? SizeSqft { get; set; }

    /// <summary>A place's label (<see cref="LocationLookup.Label"/>).</summary>
    public string? Location { get; set; }

    public string? UnitNumber { get; set; }

    public string? Furnishing { get; set; } = "unfurnished";

    public string? CompletionStatus { get; set; } = "completed";

    public string[] Amenities { get; set; } = [];

    public string? PermitType { get; set; } = "rera";

    public string? PermitNumber { get; set; }

    public DateOnly? PermitIssuedOn { get; set; }

    public DateOnly? PermitExpiresOn { get; set; }

    public decimal? PermitPriceAed { get; set; }

    public decimal? PermitSizeSqft { get; set; }

    public string? MandateType { get; set; }

    public DateOnly? MandateExpiresOn { get; set; }

    /// <summary>The version of the listing the form was filled from (edit only), sent back as If-Match.</summary>
    public string? ETag { get; set; }

    public static ListingForm From(ListingInfo l, string? locationLabel, string? etag)
    {
        ArgumentNullException.ThrowIfNull(l);
        return new ListingForm
        {
            Purpose = Show.Code(l.Purpose),
            Category = Show.Code(l.Category),
            PropertyType = l.PropertyType,
            TitleEn = l.TitleEn,
            DescriptionEn = l.DescriptionEn,
            PriceAed = l.PriceMinor / 100m,
            RentFrequency = l.RentFrequency is { } f ? Show.Code(f) : null,
            Bedrooms = l.Bedrooms,
            Bathrooms = l.Bathrooms,
            SizeSqft = l.SizeSqft,
            Location = locationLabel,
            UnitNumber = l.UnitNumber,
            Furnishing = Show.Code(l.Furnishing),
            CompletionStatus = Show.Code(l.CompletionStatus),
            Amenities = [.. l.Amenities],
            PermitType = l.PermitType is { } p ? Show.Code(p) : null,
            PermitNumber = l.PermitNumber,
            PermitIssuedOn = l.PermitIssuedOn,
            PermitExpiresOn = l.PermitExpiresOn,
            PermitPriceAed = l.PermitPriceMinor / 100m,
            PermitSizeSqft = l.PermitSizeSqft,
            MandateType = l.MandateType is { } m ? Show.Code(m) : null,
            MandateExpiresOn = l.MandateExpiresOn,
            ETag = etag,
        };
    }

    /// <summary>
    /// The API request: on create every filled field; on edit every field of the form, so an emptied optional field
    /// is cleared (the purpose is fixed once created: the reference says it).
    /// </summary>
    public ListingRequest ToRequest(bool creating, Guid? locationId)
    {
        var request = new ListingRequest();
        if (creating)
        {
            request.Purpose = Blank(Purpose);
        }

        request.Category = Blank(Category);
        request.PropertyType = Blank(PropertyType);
        request.TitleEn = Blank(TitleEn);
        request.DescriptionEn = Blank(DescriptionEn);
        request.PriceMinor = Fils(PriceAed);
        request.Bedrooms = Bedrooms;
        request.Bathrooms = Bathrooms;
        request.SizeSqft = SizeSqft;
        request.LocationId = locationId;
        request.Furnishing = Blank(Furnishing);
        request.CompletionStatus = Blank(CompletionStatus);
        request.Amenities = Amenities;
        if (creating ? Purpose == "rent" : RentFrequency is not null)
        {
            request.RentFrequency = Blank(RentFrequency);
        }

        if (!creating || !string.IsNullOrWhiteSpace(UnitNumber))
        {
            request.UnitNumber = Blank(UnitNumber);
        }

        if (!creating || !string.IsNullOrWhiteSpace(PermitNumber) || !string.IsNullOrWhiteSpace(PermitType))
        {
            request.PermitType = Blank(PermitType);
            request.PermitNumber = Blank(PermitNumber);
            request.PermitIssuedOn = PermitIssuedOn;
            request.PermitExpiresOn = PermitExpiresOn;
            request.PermitPriceMinor = Fils(PermitPriceAed);
            request.PermitSizeSqft = PermitSizeSqft;
        }

        if (!creating || !string.IsNullOrWhiteSpace(MandateType))
        {
            request.MandateType = Blank(MandateType);
            request.MandateExpiresOn = MandateExpiresOn;
        }

        return request;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static long? Fils(decimal? aed) => aed is { } amount && amount is >= 0 and < 1_000_000_000_000m ? Money.FromAed(amount).Minor : null;
}

/// <summary>The choices the listing form offers, from the reference data.</summary>
public sealed record ListingFormChoices(IReadOnlyList<Choice> PropertyTypes, IReadOnlyList<Choice> Amenities)
{
    public static async Task<ListingFormChoices> LoadAsync(PaceDbContext db, CancellationToken cancellationToken) => new(
        await ReferenceChoices.ListAsync(db, ReferenceKind.PropertyType, cancellationToken),
        await ReferenceChoices.ListAsync(db, ReferenceKind.Amenity, cancellationToken));
}

/// <summary>Everything the form partial draws.</summary>
public sealed record ListingFormView(ListingForm Form, ListingFormChoices Choices, FormErrors Errors, string? Problem, bool Creating, string Action);
