using Pace.Applicants;
using Pace.Listings;

namespace Pace.Core.Tests.Applicants;

public sealed class LeadRoutingTests
{
    private static readonly Guid Marina = Guid.CreateVersion7();
    private static readonly Guid MarinaGate = Guid.CreateVersion7();
    private static readonly Guid Dubai = Guid.CreateVersion7();
    private static readonly Guid A = new("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = new("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid C = new("00000000-0000-0000-0000-00000000000c");

    private static LeadProfile Lead(Purpose? purpose = Purpose.Sale, long? budget = 200_000_000) => new(purpose, budget, [[Dubai, Marina, MarinaGate]]);

    [Fact]
    public void A_rule_takes_leads_of_its_purpose_price_band_and_communities_subtrees_included()
    {
        var rule = new AssignmentRule { Name = "Marina sales", Purpose = Purpose.Sale, PriceMin = 100_000_000, PriceMax = 500_000_000, LocationIds = [Marina] };

        Assert.True(LeadRouting.IsEligible(rule, Lead()));
        Assert.False(LeadRouting.IsEligible(rule, Lead(Purpose.Rent)));
        Assert.False(LeadRouting.IsEligible(rule, Lead(budget: 50_000_000)));
        Assert.False(LeadRouting.IsEligible(rule, Lead(budget: null)));
        Assert.False(LeadRouting.IsEligible(rule, new LeadProfile(Purpose.Sale, 200_000_000, [[Dubai]])));
        Assert.False(LeadRouting.IsEligible(new AssignmentRule { Name = "Off", IsActive = false }, Lead()));
        Assert.True(LeadRouting.IsEligible(new AssignmentRule { Name = "Anything" }, new LeadProfile(null, null, [])));
    }

    [Fact]
    public void Round_robin_takes_the_next_agent_after_the_last_and_wraps()
    {
        RoutingCandidate[] agents = [new(C, 0), new(A, 0), new(B, 0)];

        Assert.Equal(A, LeadRouting.Choose(AssignmentStrategy.RoundRobin, null, agents));
        Assert.Equal(B, LeadRouting.Choose(AssignmentStrategy.RoundRobin, A, agents));
        Assert.Equal(A, LeadRouting.Choose(AssignmentStrategy.RoundRobin, C, agents));
        Assert.Null(LeadRouting.Choose(AssignmentStrategy.RoundRobin, C, []));
    }

    [Fact]
    public void Least_busy_takes_the_lightest_load_and_rotates_among_equals()
    {
        Assert.Equal(B, LeadRouting.Choose(AssignmentStrategy.LeastBusy, null, [new(A, 9), new(B, 2), new(C, 5)]));
        Assert.Equal(C, LeadRouting.Choose(AssignmentStrategy.LeastBusy, B, [new(A, 3), new(B, 3), new(C, 3)]));
    }
}
