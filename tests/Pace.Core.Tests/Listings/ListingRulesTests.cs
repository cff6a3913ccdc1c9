using Pace.Identity;
using Pace.Listings;

namespace Pace.Core.Tests.Listings;

public sealed class ListingRulesTests
{
    [Theory]
    [InlineData(100_000_00, 110_000_00, false)] // exactly 10%: applies at once
    [InlineData(100_000_00, 90_000_00, false)]
    [InlineData(100_000_00, 110_000_01, true)]
    [InlineData(100_000_00, 89_999_99, true)]
    [InlineData(100_000_00, 100_000_00, false)]
    public void A_price_change_on_a_live_listing_beyond_the_threshold_needs_approval(long from, long to, bool needsApproval) =>
        Assert.Equal(needsApproval, PriceChangePolicy.NeedsApproval(ListingStatus.Live, from, to, PriceChangePolicy.DefaultPercent));

    [Theory]
    [InlineData(ListingStatus.Draft, false)]
    [InlineData(ListingStatus.PendingApproval, false)]
    [InlineData(ListingStatus.Live, true)]
    [InlineData(ListingStatus.UnderOffer, true)]
    [InlineData(ListingStatus.Withdrawn, false)]
    public void Only_a_listing_on_the_market_keeps_its_approved_price(ListingStatus status, bool needsApproval) =>
        Assert.Equal(needsApproval, PriceChangePolicy.NeedsApproval(status, 100_000_00, 200_000_00, 10));

    [Theory]
    [InlineData(null, 10)]
    [InlineData("15", 15)]
    [InlineData("12.5", 12.5)]
    [InlineData("\"20\"", 20)]
    [InlineData("0", 0)]
    [InlineData("-1", 10)]
    [InlineData("101", 10)]
    [InlineData("{\"percent\":5}", 10)]
    public void The_threshold_setting_is_a_percentage_with_a_default(string? value, double expected) =>
        Assert.Equal((decimal)expected, PriceChangePolicy.ParsePercent(value));

    [Fact]
    public void Listing_references_say_sale_or_rent_and_share_one_counter()
    {
        Assert.Equal("AA-S-10234", ListingReference.Format(Purpose.Sale, 10234));
        Assert.Equal("AA-R-10235", ListingReference.Format(Purpose.Rent, 10235));
    }

    [Fact]
    public void Approvals_are_decided_by_the_agents_team_manager_or_an_admin_never_by_the_requester()
    {
        var team = Guid.NewGuid();
        var agent = Guid.NewGuid();
        var approval = new ListingApproval { RequestedById = agent };
        var manager = Actor.Person(Guid.NewGuid(), UserRole.Manager, team);
        var otherManager = Actor.Person(Guid.NewGuid(), UserRole.Manager, Guid.NewGuid());
        var admin = Actor.Person(Guid.NewGuid(), UserRole.Admin, null);
        var theAgent = Actor.Person(agent, UserRole.Agent, team);
        var colleague = Actor.Person(Guid.NewGuid(), UserRole.Agent, team);

        Assert.Null(ApprovalPolicy.Refusal(manager, approval, agent, team));
        Assert.Null(ApprovalPolicy.Refusal(admin, approval, agent, team));
        Assert.NotNull(ApprovalPolicy.Refusal(otherManager, approval, agent, team));
        Assert.NotNull(ApprovalPolicy.Refusal(theAgent, approval, agent, team));
        Assert.NotNull(ApprovalPolicy.Refusal(colleague, approval, agent, team));

        var managersOwn = new ListingApproval { RequestedById = manager.UserId!.Value };
        Assert.Equal("Nobody decides their own request: an admin decides it.", ApprovalPolicy.Refusal(manager, managersOwn, manager.UserId.Value, team));
    }
}
