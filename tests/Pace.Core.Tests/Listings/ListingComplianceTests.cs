using Pace.Listings;

namespace Pace.Core.Tests.Listings;

public sealed class ListingComplianceTests
{
    private static readonly DateOnly Today = TestListings.Today;

    [Fact]
    public void A_Dubai_listing_with_a_current_matching_permit_may_go_live() =>
        Assert.Empty(ListingCompliance.Check(TestListings.Compliant(), TestListings.DubaiMarina, Today));

    [Fact]
    public void A_Dubai_listing_without_a_permit_is_refused_for_that_alone()
    {
        var listing = TestListings.Compliant();
        listing.PermitType = null;
        listing.PermitNumber = null;
        listing.PermitPriceMinor = null;

        var problem = Assert.Single(ListingCompliance.Check(listing, TestListings.DubaiMarina, Today));

        Assert.Equal(ListingCompliance.PermitMissing, problem.Code);
        Assert.Equal("permitNumber", problem.Field);
        Assert.Contains("RERA/DLD", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_permit_that_expired_yesterday_blocks_but_one_expiring_today_does_not()
    {
        var listing = TestListings.Compliant();
        listing.PermitExpiresOn = Today;
        Assert.Empty(ListingCompliance.Check(listing, TestListings.DubaiMarina, Today));

        listing.PermitExpiresOn = Today.AddDays(-1);
        var problem = Assert.Single(ListingCompliance.Check(listing, TestListings.DubaiMarina, Today));

        Assert.Equal(ListingCompliance.PermitExpired, problem.Code);
        Assert.Equal("Permit 7116777484 expired on 2026-03-11: renew it and enter the new expiry date.", problem.Message);
    }

    [Fact]
    public void A_price_that_differs_from_the_permit_says_both_amounts()
    {
        var listing = TestListings.Compliant();
        listing.PriceMinor = 2_400_000_00;

        var problem = Assert.Single(ListingCompliance.Check(listing, TestListings.DubaiMarina, Today));

        Assert.Equal(ListingCompliance.PermitPriceMismatch, problem.Code);
        Assert.Equal("priceMinor", problem.Field);
        Assert.Equal("The price AED 2,400,000 differs from the permit's AED 2,500,000.", problem.Message);
    }

    [Fact]
    public void A_size_that_differs_from_the_permit_says_both_sizes()
    {
        var listing = TestListings.Compliant();
        listing.SizeSqft = 1_300.5m;

        var problem = Assert.Single(ListingCompliance.Check(listing, TestListings.DubaiMarina, Today));

        Assert.Equal(ListingCompliance.PermitSizeMismatch, problem.Code);
        Assert.Equal("The size 1,300.5 sq ft differs from the permit's 1,250 sq ft.", problem.Message);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var listing = TestListings.Compliant();
        listing.PermitType = PermitType.Adrec;
        listing.PermitExpiresOn = Today.AddDays(-5);
        listing.PriceMinor = 1;
        listing.SizeSqft = 1;

        var codes = ListingCompliance.Check(listing, TestListings.DubaiMarina, Today).Select(p => p.Code).ToList();

        Assert.Equal([ListingCompliance.PermitTypeInvalid, ListingCompliance.PermitExpired, ListingCompliance.PermitPriceMismatch, ListingCompliance.PermitSizeMismatch], codes);
    }

    [Fact]
    public void A_permit_without_its_type_expiry_price_or_size_cannot_be_checked()
    {
        var listing = TestListings.Compliant();
        listing.PermitType = null;
        listing.PermitExpiresOn = null;
        listing.PermitPriceMinor = null;
        listing.PermitSizeSqft = null;

        var codes = ListingCompliance.Check(listing, TestListings.DubaiMarina, Today).Select(p => p.Code).ToList();

        Assert.Equal([ListingCompliance.PermitTypeMissing, ListingCompliance.PermitExpiryMissing, ListingCompliance.PermitPriceMissing, ListingCompliance.PermitSizeMissing], codes);
    }

    [Fact]
    public void A_DTCM_permit_serves_in_Dubai_and_only_ADREC_in_Abu_Dhabi()
    {
        var listing = TestListings.Compliant();
        listing.PermitType = PermitType.Dtcm;
        Assert.Empty(ListingCompliance.Check(listing, "dubai", Today));

        var problem = Assert.Single(ListingCompliance.Check(listing, "abu-dhabi/al-reem-island", Today));
        Assert.Equal(ListingCompliance.PermitTypeInvalid, problem.Code);
        Assert.Contains("an ADREC permit", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_the_regulated_emirates_no_permit_is_required()
    {
        var listing = TestListings.Compliant();
        listing.PermitNumber = null;

        Assert.False(ListingCompliance.RequiresPermit("sharjah/al-majaz"));
        Assert.Empty(ListingCompliance.Check(listing, "sharjah/al-majaz", Today));
    }

    [Fact]
    public void A_change_is_judged_by_the_problems_it_introduces()
    {
        var before = ListingCompliance.Check(TestListings.Compliant(), TestListings.DubaiMarina, Today);
        var expired = TestListings.Compliant();
        expired.PermitExpiresOn = Today.AddDays(-1);
        var alreadyExpired = ListingCompliance.Check(expired, TestListings.DubaiMarina, Today);
        expired.PriceMinor += 100;
        var expiredAndRepriced = ListingCompliance.Check(expired, TestListings.DubaiMarina, Today);

        Assert.Equal([ListingCompliance.PermitExpired], ListingCompliance.Introduced(before, alreadyExpired).Select(p => p.Code));
        Assert.Equal([ListingCompliance.PermitPriceMismatch], ListingCompliance.Introduced(alreadyExpired, expiredAndRepriced).Select(p => p.Code));
        Assert.Empty(ListingCompliance.Introduced(expiredAndRepriced, alreadyExpired));
    }
}
