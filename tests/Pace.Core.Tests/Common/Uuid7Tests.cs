using Pace.Common;

namespace Pace.Core.Tests.Common;

public sealed class Uuid7Tests
{
    private static readonly DateTimeOffset Moment = new(2026, 11, 1, 8, 30, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_seed_gives_the_same_ids()
    {
        var a = new Random(7);
        var b = new Random(7);

        Assert.Equal(Uuid7.FromRandom(a, Moment), Uuid7.FromRandom(b, Moment));
        Assert.Equal(Uuid7.FromRandom(a, Moment), Uuid7.FromRandom(b, Moment));
    }

    [Fact]
    public void Seeded_ids_are_version_7_with_the_timestamp_in_front()
    {
        var id = Uuid7.FromRandom(new Random(1), Moment);
        var text = id.ToString("N");

        Assert.Equal(7, id.Version);
        Assert.Equal(Moment.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture), text[..12]);
        Assert.Contains(text[16], "89ab");
    }

    [Fact]
    public void Later_ids_sort_after_earlier_ones()
    {
        var random = new Random(3);
        var earlier = Uuid7.FromRandom(random, Moment);
        var later = Uuid7.FromRandom(random, Moment.AddMilliseconds(1));

        Assert.True(string.CompareOrdinal(earlier.ToString(), later.ToString()) < 0);
    }
}
