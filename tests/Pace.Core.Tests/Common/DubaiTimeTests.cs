using Pace.Common;

namespace Pace.Core.Tests.Common;

public sealed class DubaiTimeTests
{
    [Fact]
    public void A_Dubai_day_starts_at_20_00_UTC_the_evening_before()
    {
        var lateEvening = new DateTimeOffset(2025, 3, 4, 19, 59, 59, TimeSpan.Zero);
        var midnight = new DateTimeOffset(2025, 3, 4, 20, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2025, 3, 3, 20, 0, 0, TimeSpan.Zero), DubaiTime.StartOfDay(lateEvening));
        Assert.Equal(midnight, DubaiTime.StartOfDay(midnight));
        Assert.Equal(TimeSpan.Zero, DubaiTime.StartOfDay(lateEvening).Offset);
    }

    [Fact]
    public void Times_read_in_Dubai_time() =>
        Assert.Equal("Tue 4 Mar 2025, 3:30 PM", DubaiTime.Format(new DateTimeOffset(2025, 3, 4, 11, 30, 0, TimeSpan.Zero)));
}
