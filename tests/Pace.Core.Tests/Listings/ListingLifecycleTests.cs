using Pace.Listings;

namespace Pace.Core.Tests.Listings;

public sealed class ListingLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 12, 6, 0, 0, TimeSpan.Zero);

    public static TheoryData<ListingStatus, ListingStatus> Allowed => new()
    {
        { ListingStatus.Draft, ListingStatus.PendingApproval },
        { ListingStatus.Draft, ListingStatus.Withdrawn },
        { ListingStatus.PendingApproval, ListingStatus.Live },
        { ListingStatus.PendingApproval, ListingStatus.Draft },
        { ListingStatus.PendingApproval, ListingStatus.Withdrawn },
        { ListingStatus.Live, ListingStatus.UnderOffer },
        { ListingStatus.Live, ListingStatus.Sold },
        { ListingStatus.Live, ListingStatus.Withdrawn },
        { ListingStatus.Live, ListingStatus.Expired },
        { ListingStatus.UnderOffer, ListingStatus.Live },
        { ListingStatus.UnderOffer, ListingStatus.Sold },
        { ListingStatus.UnderOffer, ListingStatus.Withdrawn },
        { ListingStatus.Withdrawn, ListingStatus.Draft },
        { ListingStatus.Expired, ListingStatus.Draft },
    };

    public static TheoryData<ListingStatus, ListingStatus> Refused => new()
    {
        { ListingStatus.Draft, ListingStatus.Live },
        { ListingStatus.Draft, ListingStatus.UnderOffer },
        { ListingStatus.Draft, ListingStatus.Draft },
        { ListingStatus.PendingApproval, ListingStatus.UnderOffer },
        { ListingStatus.Live, ListingStatus.Draft },
        { ListingStatus.Live, ListingStatus.PendingApproval },
        { ListingStatus.Live, ListingStatus.Live },
        { ListingStatus.UnderOffer, ListingStatus.Expired },
        { ListingStatus.Sold, ListingStatus.Live },
        { ListingStatus.Sold, ListingStatus.Draft },
        { ListingStatus.Withdrawn, ListingStatus.Live },
        { ListingStatus.Expired, ListingStatus.Live },
        { ListingStatus.Expired, ListingStatus.PendingApproval },
    };

    [Theory]
    [MemberData(nameof(Allowed))]
    public void The_life_cycle_allows_its_moves(ListingStatus from, ListingStatus to)
    {
        var listing = TestListings.Compliant(status: from);

        var left = ListingLifecycle.MoveTo(listing, to, Now);

        Assert.Equal(from, left);
        Assert.Equal(to, listing.Status);
        Assert.Equal(Now, listing.StatusChangedAt);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Any_other_move_is_refused_naming_both_statuses(ListingStatus from, ListingStatus to)
    {
        var listing = TestListings.Compliant(status: from);

        var refused = Assert.Throws<ListingTransitionException>(() => ListingLifecycle.MoveTo(listing, to, Now));

        Assert.Equal(from, refused.From);
        Assert.Equal(to, refused.To);
        Assert.Contains(ListingLifecycle.Describe(from), refused.Message, StringComparison.Ordinal);
        Assert.Contains(ListingLifecycle.Describe(to), refused.Message, StringComparison.Ordinal);
        Assert.Equal(from, listing.Status);
        Assert.False(ListingLifecycle.CanMoveTo(listing, to));
    }

    [Fact]
    public void A_sale_ends_sold_and_a_rental_rented()
    {
        var sale = TestListings.Compliant(Purpose.Sale, ListingStatus.UnderOffer);
        var rental = TestListings.Compliant(Purpose.Rent, ListingStatus.UnderOffer);

        Assert.False(ListingLifecycle.CanMoveTo(sale, ListingStatus.Rented));
        Assert.False(ListingLifecycle.CanMoveTo(rental, ListingStatus.Sold));
        Assert.Equal("A listing for rent is rented, not sold.", ListingLifecycle.Refusal(rental, ListingStatus.Sold));
        Assert.Throws<ListingTransitionException>(() => ListingLifecycle.MoveTo(sale, ListingStatus.Rented, Now));

        ListingLifecycle.MoveTo(sale, ListingStatus.Sold, Now);
        ListingLifecycle.MoveTo(rental, ListingStatus.Rented, Now);

        Assert.Equal(ListingStatus.Sold, sale.Status);
        Assert.Equal(ListingStatus.Rented, rental.Status);
        Assert.Empty(ListingLifecycle.AllowedFrom(ListingStatus.Sold));
    }

    [Fact]
    public void Approval_publishes_and_going_back_to_draft_unpublishes()
    {
        var listing = TestListings.Compliant(status: ListingStatus.PendingApproval);

        ListingLifecycle.MoveTo(listing, ListingStatus.Live, Now);
        Assert.Equal(Now, listing.PublishedAt);

        ListingLifecycle.MoveTo(listing, ListingStatus.UnderOffer, Now.AddDays(3));
        ListingLifecycle.MoveTo(listing, ListingStatus.Live, Now.AddDays(5));
        Assert.Equal(Now, listing.PublishedAt);

        ListingLifecycle.MoveTo(listing, ListingStatus.Withdrawn, Now.AddDays(6));
        ListingLifecycle.MoveTo(listing, ListingStatus.Draft, Now.AddDays(7));
        Assert.Null(listing.PublishedAt);
    }

    [Fact]
    public void A_live_listing_expires_when_its_permit_or_mandate_ended_before_today()
    {
        var today = TestListings.Today;
        var current = TestListings.Compliant(status: ListingStatus.Live);
        var endsToday = TestListings.Compliant(status: ListingStatus.Live);
        endsToday.PermitExpiresOn = today;
        var permitGone = TestListings.Compliant(status: ListingStatus.Live);
        permitGone.PermitExpiresOn = today.AddDays(-1);
        var bothGone = TestListings.Compliant(status: ListingStatus.Live);
        bothGone.PermitExpiresOn = today.AddDays(-3);
        bothGone.MandateExpiresOn = today.AddDays(-2);
        var draft = TestListings.Compliant(status: ListingStatus.Draft);
        draft.PermitExpiresOn = today.AddDays(-30);

        Assert.Empty(ListingLifecycle.ExpiryReasons(current, today));
        Assert.Empty(ListingLifecycle.ExpiryReasons(endsToday, today));
        Assert.Equal(["The advertising permit 7116777484 expired on 2026-03-11."], ListingLifecycle.ExpiryReasons(permitGone, today));
        Assert.Equal(2, ListingLifecycle.ExpiryReasons(bothGone, today).Count);
        Assert.Contains("Form A mandate expired on 2026-03-10", ListingLifecycle.ExpiryReasons(bothGone, today)[1], StringComparison.Ordinal);
        Assert.Empty(ListingLifecycle.ExpiryReasons(draft, today));
    }
}
