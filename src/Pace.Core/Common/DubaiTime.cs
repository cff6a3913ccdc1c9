namespace Pace.Common;

/// <summary>
/// Dates as the brokerage and its regulator read them: Dubai (Asia/Dubai, UTC+4 all year, no daylight saving).
/// A permit "expires on" a Dubai date, whatever the server's time zone.
/// </summary>
public static class DubaiTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(4);

    /// <summary>The Dubai calendar date at the instant <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime + Offset);
}
