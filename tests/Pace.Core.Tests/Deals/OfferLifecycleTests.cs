using Pace.Deals;
using Pace.Listings;

namespace Pace.Core.Tests.Deals;

public sealed class OfferLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(OfferStatus.Submitted, OfferStatus.Accepted)]
    [InlineData(OfferStatus.Submitted, OfferStatus.Rejected)]
    [InlineData(OfferStatus.Submitted, OfferStatus.Withdrawn)]
    [InlineData(OfferStatus.Countered, OfferStatus.Accepted)]
    [InlineData(OfferStatus.Countered, OfferStatus.Rejected)]
    public void An_open_offer_is_decided_once_and_the_time_is_kept(OfferStatus from, OfferStatus to)
    {
        var offer = new Offer { Status = from, AmountMinor = 100 };

        OfferLifecycle.Move(offer, to, Now);

        Assert.Equal(to, offer.Status);
        Assert.Equal(Now, offer.DecidedAt);
        Assert.NotNull(OfferLifecycle.Refusal(offer, OfferStatus.Countered, Now));
    }

    [Fact]
    public void A_counter_puts_a_new_amount_on_the_table_and_can_be_countered_again()
    {
        var offer = new Offer { Status = OfferStatus.Submitted, AmountMinor = 230_000_000 };

        OfferLifecycle.Counter(offer, 245_000_000, Now);
        OfferLifecycle.Counter(offer, 240_000_000, Now);

        Assert.Equal(OfferStatus.Countered, offer.Status);
        Assert.Equal(240_000_000, offer.AmountMinor);
        Assert.Null(offer.DecidedAt);
        Assert.Throws<ArgumentOutOfRangeException>(() => OfferLifecycle.Counter(offer, 0, Now));
    }

    [Fact]
    public void An_expired_offer_cannot_be_accepted_but_can_still_be_rejected()
    {
        var offer = new Offer { Status = OfferStatus.Submitted, AmountMinor = 100, ExpiresAt = Now };

        Assert.Contains("expired", OfferLifecycle.Refusal(offer, OfferStatus.Accepted, Now), StringComparison.Ordinal);
        Assert.Null(OfferLifecycle.Refusal(offer, OfferStatus.Accepted, Now.AddSeconds(-1)));
        Assert.Null(OfferLifecycle.Refusal(offer, OfferStatus.Rejected, Now));
    }

    [Fact]
    public void A_deal_ends_once_and_a_completed_one_closes_the_listing_as_sold_or_rented()
    {
        var deal = new Deal { Status = DealStatus.InProgress };

        DealLifecycle.Move(deal, DealStatus.Completed, Now);

        Assert.Equal(Now, deal.ClosedAt);
        Assert.NotNull(DealLifecycle.Refusal(deal, DealStatus.FallenThrough));
        Assert.NotNull(DealLifecycle.Refusal(new Deal { Status = DealStatus.InProgress }, DealStatus.InProgress));
        Assert.Equal(ListingStatus.Sold, DealLifecycle.ClosedListingStatus(Purpose.Sale));
        Assert.Equal(ListingStatus.Rented, DealLifecycle.ClosedListingStatus(Purpose.Rent));
    }
}
