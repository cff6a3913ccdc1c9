using Pace.Matching;

namespace Pace.Core.Tests.Matching;

public sealed class MatchToleranceTests
{
    [Fact]
    public void A_budget_takes_prices_from_twenty_percent_under_its_bottom_to_ten_percent_over_its_top()
    {
        Assert.Equal((800_00L, 1_100_00L), MatchTolerance.PricesFor(1_000_00, 1_000_00));
        Assert.Equal(((long?)null, 1_100_00L), MatchTolerance.PricesFor(null, 1_000_00));
        Assert.Equal(((long?)null, (long?)null), MatchTolerance.PricesFor(null, null));
    }

    [Fact]
    public void The_budgets_that_take_a_price_are_the_same_bands_solved_for_the_budget()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            long bottom = random.Next(1, 5_000_000);
            var top = bottom + random.Next(0, 3_000_000);
            long price = random.Next(1, 9_000_000);

            var (lowest, highest) = MatchTolerance.PricesFor(bottom, top);
            var takesPrice = price >= lowest && price <= highest;
            var (fromBudget, toBudget) = MatchTolerance.BudgetsFor(price);
            var budgetOverlaps = top >= fromBudget && bottom <= toBudget;
            var scoredWithinTolerance = Percent(price - top, top) <= MatchTolerance.BudgetOverPercent && Percent(bottom - price, bottom) <= MatchTolerance.BudgetUnderPercent;

            Assert.True(takesPrice == budgetOverlaps, $"budget {bottom}–{top}, price {price}");
            Assert.True(takesPrice == scoredWithinTolerance, $"budget {bottom}–{top}, price {price}");
        }
    }

    [Fact]
    public void Sizes_take_ten_percent_either_side_of_the_range_asked()
    {
        Assert.Equal((900m, 2_200m), MatchTolerance.SizesFor(1_000m, 2_000m));
        Assert.Equal(((decimal?)null, (decimal?)null), MatchTolerance.SizesFor(null, null));
    }

    /// <summary>Whole percent over <paramref name="limit"/>, rounded up, as the reasons state it (0 when not over).</summary>
    private static long Percent(long over, long limit) => over <= 0 ? 0 : (over * 100 + limit - 1) / limit;
}
