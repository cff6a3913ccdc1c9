using Pace.Listings;

namespace Pace.Core.Tests.Listings;

/// <summary>A Dubai apartment for sale with a current permit that matches it: compliant unless a test changes it.</summary>
internal static class TestListings
{
    public const string DubaiMarina = "dubai/dubai-marina/marina-gate/marina-gate-1";

    public static readonly DateOnly Today = new(2026, 3, 12);

    public static Listing Compliant(Purpose purpose = Purpose.Sale, ListingStatus status = ListingStatus.Draft) => new()
    {
        Reference = ListingReference.Format(purpose, 10234),
        Purpose = purpose,
        RentFrequency = purpose == Purpose.Rent ? RentFrequency.Yearly : null,
        PropertyType = "apartment",
        Status = status,
        PriceMinor = 2_500_000_00,
        SizeSqft = 1_250m,
        TitleEn = "Two bedrooms with a marina view",
        DescriptionEn = "Bright, high floor.",
        PermitType = PermitType.Rera,
        PermitNumber = "7116777484",
        PermitIssuedOn = Today.AddDays(-10),
        PermitExpiresOn = Today.AddDays(80),
        PermitPriceMinor = 2_500_000_00,
        PermitSizeSqft = 1_250m,
        MandateExpiresOn = Today.AddDays(60),
    };
}
