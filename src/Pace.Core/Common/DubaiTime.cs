using System.Globalization;

namespace Pace.Common;

/// <summary>
/// The brokerage's local time. Asia/Dubai is UTC+4 all year (no daylight saving), so a fixed offset is exact and
/// needs no time-zone database on the server.
/// </summary>
public static class DubaiTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(4);

    /// <summary>The instant (UTC) of the Dubai midnight that starts the day <paramref name="instant"/> falls in.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset instant)
    {
        var local = instant.ToOffset(Offset);
        return new DateTimeOffset(local.Date, Offset).ToUniversalTime();
    }

    /// <summary>How a time reads in a message to a person: <c>Tue 4 Mar 2025, 3:30 PM</c> (Dubai time).</summary>
    public static string Format(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("ddd d MMM yyyy, h:mm tt", CultureInfo.InvariantCulture);
}
