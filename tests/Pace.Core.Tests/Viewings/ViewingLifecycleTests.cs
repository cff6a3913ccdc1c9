using Pace.Viewings;

namespace Pace.Core.Tests.Viewings;

public sealed class ViewingLifecycleTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 4, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ViewingStatus.Scheduled, ViewingStatus.Confirmed)]
    [InlineData(ViewingStatus.Scheduled, ViewingStatus.Completed)]
    [InlineData(ViewingStatus.Scheduled, ViewingStatus.NoShow)]
    [InlineData(ViewingStatus.Scheduled, ViewingStatus.Cancelled)]
    [InlineData(ViewingStatus.Confirmed, ViewingStatus.Completed)]
    [InlineData(ViewingStatus.Confirmed, ViewingStatus.NoShow)]
    [InlineData(ViewingStatus.Confirmed, ViewingStatus.Cancelled)]
    public void An_open_viewing_moves_on_once_it_has_started(ViewingStatus from, ViewingStatus to)
    {
        var viewing = new Viewing { Status = from, StartsAt = Start, EndsAt = Start.AddMinutes(30) };

        ViewingLifecycle.Move(viewing, to, Start.AddMinutes(45));

        Assert.Equal(to, viewing.Status);
    }

    [Theory]
    [InlineData(ViewingStatus.Completed, ViewingStatus.Cancelled)]
    [InlineData(ViewingStatus.Completed, ViewingStatus.NoShow)]
    [InlineData(ViewingStatus.Cancelled, ViewingStatus.Confirmed)]
    [InlineData(ViewingStatus.NoShow, ViewingStatus.Completed)]
    [InlineData(ViewingStatus.Confirmed, ViewingStatus.Confirmed)]
    [InlineData(ViewingStatus.Confirmed, ViewingStatus.Scheduled)]
    public void Final_statuses_stay_final_and_nothing_moves_to_where_it_is(ViewingStatus from, ViewingStatus to)
    {
        var viewing = new Viewing { Status = from, StartsAt = Start, EndsAt = Start.AddMinutes(30) };

        Assert.NotNull(ViewingLifecycle.Refusal(viewing, to, Start.AddHours(1)));
        Assert.Throws<InvalidOperationException>(() => ViewingLifecycle.Move(viewing, to, Start.AddHours(1)));
        Assert.Equal(from, viewing.Status);
    }

    [Theory]
    [InlineData(ViewingStatus.Completed)]
    [InlineData(ViewingStatus.NoShow)]
    public void A_viewing_cannot_be_completed_or_marked_a_no_show_before_it_starts(ViewingStatus to)
    {
        var viewing = new Viewing { Status = ViewingStatus.Confirmed, StartsAt = Start, EndsAt = Start.AddMinutes(30) };

        Assert.Contains("not started", ViewingLifecycle.Refusal(viewing, to, Start.AddSeconds(-1)), StringComparison.Ordinal);
        Assert.Null(ViewingLifecycle.Refusal(viewing, to, Start));
    }

    [Fact]
    public void Rescheduling_a_confirmed_viewing_asks_for_confirmation_again_but_a_notes_only_change_does_not()
    {
        var viewing = new Viewing { Status = ViewingStatus.Confirmed, StartsAt = Start, EndsAt = Start.AddMinutes(30) };

        ViewingLifecycle.Reschedule(viewing, Start, Start.AddMinutes(30));
        var unchanged = viewing.Status;
        ViewingLifecycle.Reschedule(viewing, Start.AddHours(2), Start.AddHours(3));

        Assert.Equal(ViewingStatus.Confirmed, unchanged);
        Assert.Equal(ViewingStatus.Scheduled, viewing.Status);
        Assert.Equal(Start.AddHours(2), viewing.StartsAt);
        Assert.Throws<InvalidOperationException>(() =>
            ViewingLifecycle.Reschedule(new Viewing { Status = ViewingStatus.Cancelled, StartsAt = Start, EndsAt = Start.AddHours(1) }, Start, Start.AddHours(1)));
    }

    [Fact]
    public void Open_viewings_clash_when_they_share_an_instant_and_back_to_back_ones_do_not()
    {
        var open = ViewingLifecycle.OpenDuring(Start, Start.AddHours(1)).Compile();
        Viewing At(int fromMinutes, int toMinutes, ViewingStatus status = ViewingStatus.Scheduled) =>
            new() { Status = status, StartsAt = Start.AddMinutes(fromMinutes), EndsAt = Start.AddMinutes(toMinutes) };

        Assert.True(open(At(-30, 1)));
        Assert.True(open(At(59, 90)));
        Assert.True(open(At(10, 20, ViewingStatus.Confirmed)));
        Assert.True(open(At(-60, 120)));
        Assert.False(open(At(-30, 0)));
        Assert.False(open(At(60, 90)));
        Assert.False(open(At(10, 20, ViewingStatus.Cancelled)));
        Assert.False(open(At(10, 20, ViewingStatus.Completed)));
        Assert.False(open(At(10, 20, ViewingStatus.NoShow)));
    }
}
