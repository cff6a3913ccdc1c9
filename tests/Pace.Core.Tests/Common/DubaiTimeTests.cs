using Pace.Common;

namespace Pace.Core.Tests.Common;

public sealed class DubaiTimeTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 10, 0, 0, TimeSpan.Zero); // 14:00 in Dubai

    [Fact]
    public void Dubai_is_four_hours_ahead_of_UTC_all_year()
    {
        Assert.Equal(TimeSpan.FromHours(4), DubaiTime.ToDubai(new DateTimeOffset(2025, 1, 15, 12, 0, 0, TimeSpan.Zero)).Offset);
        Assert.Equal(TimeSpan.FromHours(4), DubaiTime.ToDubai(new DateTimeOffset(2025, 7, 15, 12, 0, 0, TimeSpan.Zero)).Offset);
    }

    [Fact]
    public void A_late_UTC_evening_is_already_the_next_day_in_Dubai() =>
        Assert.Equal(new DateOnly(2025, 3, 15), DubaiTime.DateOf(new DateTimeOffset(2025, 3, 14, 21, 30, 0, TimeSpan.Zero)));

    [Fact]
    public void A_Dubai_day_starts_at_20_00_UTC_the_evening_before()
    {
        var (start, end) = DubaiTime.DayOf(Now);

        Assert.Equal(new DateTimeOffset(2025, 3, 13, 20, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 20, 0, 0, TimeSpan.Zero), end);
        Assert.Equal(TimeSpan.Zero, start.Offset);
    }

    [Fact]
    public void Formats_in_Dubai_time()
    {
        Assert.Equal("14 Mar 2025", DubaiTime.FormatDate(Now));
        Assert.Equal("14:00", DubaiTime.FormatTime(Now));
        Assert.Equal("14 Mar 2025, 14:00", DubaiTime.FormatDateTime(Now));
        Assert.Equal("2025-03-14T14:00:00+04:00", DubaiTime.FormatIso(Now));
    }

    [Theory]
    [InlineData(-20, "just now")]
    [InlineData(-5 * 60, "5 min ago")]
    [InlineData(45 * 60, "in 45 min")]
    [InlineData(-3 * 3600, "3 h ago")]
    [InlineData(-9 * 3600, "today, 05:00")]
    [InlineData(-20 * 3600, "yesterday, 18:00")]
    [InlineData(20 * 3600, "tomorrow, 10:00")]
    [InlineData(-3 * 86400, "3 days ago")]
    [InlineData(4 * 86400, "in 4 days")]
    [InlineData(-30 * 86400, "12 Feb 2025")]
    public void Relative_times_read_the_way_a_person_says_them(int seconds, string expected) =>
        Assert.Equal(expected, DubaiTime.FormatRelative(Now.AddSeconds(seconds), Now));
}
