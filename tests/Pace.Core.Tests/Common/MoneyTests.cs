using Pace.Common;

namespace Pace.Core.Tests.Common;

public sealed class MoneyTests
{
    [Fact]
    public void AED_amounts_are_held_in_fils()
    {
        var price = Money.FromAed(1_250_000.50m);

        Assert.Equal(125_000_050, price.Minor);
        Assert.Equal("AED", price.Currency);
        Assert.Equal(1_250_000.50m, price.Major);
    }

    [Fact]
    public void Amounts_round_half_away_from_zero_to_the_fil() =>
        Assert.Equal(1, Money.FromAed(0.005m).Minor);

    [Fact]
    public void Prints_with_thousands_separators() =>
        Assert.Equal("AED 2,500,000", Money.FromAed(2_500_000m).ToString());
}
