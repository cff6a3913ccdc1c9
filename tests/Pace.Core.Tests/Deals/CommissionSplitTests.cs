using Pace.Deals;

namespace Pace.Core.Tests.Deals;

public sealed class CommissionSplitTests
{
    private static readonly Guid A = Guid.Parse("0195f0a0-0000-7000-8000-000000000001");
    private static readonly Guid B = Guid.Parse("0195f0a0-0000-7000-8000-000000000002");
    private static readonly Guid C = Guid.Parse("0195f0a0-0000-7000-8000-000000000003");

    [Fact]
    public void Percentages_become_whole_fils_that_add_up_exactly_with_leftovers_to_the_largest_remainders()
    {
        var allocation = CommissionSplit.Allocate(100, [new(A, 33.33m, null), new(B, 33.33m, null), new(C, 33.34m, null)], out var problems);

        Assert.Empty(problems);
        Assert.Equal([33L, 33L, 34L], allocation.Select(a => a.AmountMinor));
        Assert.Equal(33.34m, allocation[2].Percent);
    }

    [Fact]
    public void Equal_remainders_give_the_leftover_fil_to_the_earlier_share()
    {
        var allocation = CommissionSplit.Allocate(1, [new(A, 50m, null), new(B, 50m, null)], out _);

        Assert.Equal([1L, 0L], allocation.Select(a => a.AmountMinor));
    }

    [Fact]
    public void Amounts_are_taken_as_given_when_they_add_up_to_the_commission()
    {
        var allocation = CommissionSplit.Allocate(575_000, [new(A, null, 500_000), new(B, null, 75_000)], out var problems);

        Assert.Empty(problems);
        Assert.Equal([500_000L, 75_000L], allocation.Select(a => a.AmountMinor));
        Assert.All(allocation, a => Assert.Null(a.Percent));
    }

    [Theory]
    [InlineData(null, null, "percent")]
    [InlineData(50.0, 100L, "percent")]
    [InlineData(0.0, null, "percent")]
    [InlineData(100.5, null, "percent")]
    [InlineData(33.333, null, "percent")]
    [InlineData(null, -1L, "amountMinor")]
    public void A_share_needs_exactly_one_sensible_percent_or_amount(double? percent, long? amount, string member)
    {
        CommissionSplit.Allocate(100, [new(A, (decimal?)percent, amount)], out var problems);

        Assert.Equal(member, Assert.Single(problems, p => p.Index == 0).Member);
    }

    [Fact]
    public void Splits_that_do_not_add_up_mix_modes_repeat_an_agent_or_name_nobody_are_refused()
    {
        CommissionSplit.Allocate(100, [new(A, 50m, null), new(B, 40m, null)], out var ninety);
        CommissionSplit.Allocate(100, [new(A, null, 60), new(B, null, 30)], out var short10);
        CommissionSplit.Allocate(100, [new(A, 50m, null), new(B, null, 50)], out var mixed);
        CommissionSplit.Allocate(100, [new(A, 50m, null), new(A, 50m, null)], out var twice);
        CommissionSplit.Allocate(100, [new(null, 100m, null)], out var nobody);
        CommissionSplit.Allocate(100, [], out var none);
        var free = CommissionSplit.Allocate(0, [], out var noCommission);

        Assert.Contains("90", Assert.Single(ninety).Message, StringComparison.Ordinal);
        Assert.Null(Assert.Single(short10).Index);
        Assert.Null(Assert.Single(mixed).Index);
        Assert.Equal((1, "agentId"), (Assert.Single(twice).Index, Assert.Single(twice).Member));
        Assert.Equal("agentId", Assert.Single(nobody).Member);
        Assert.Single(none);
        Assert.Empty(noCommission);
        Assert.Empty(free);
    }
}
