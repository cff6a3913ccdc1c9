using System.Globalization;

namespace Pace.Common;

/// <summary>
/// PACE stores UTC instants and shows them in Dubai's time (Asia/Dubai, UTC+4 all year: the UAE keeps no daylight
/// saving). "Today", "this morning" and a date typed into a filter are Dubai days, wherever the server runs.
/// </summary>
public static class DubaiTime
{
    public const string ZoneId = "Asia/Dubai";

    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>The system's zone when it has the tz database; the fixed +04:00 it amounts to when it has not (a slim container).</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    public static DateTimeOffset ToDubai(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The Dubai calendar day <paramref name="instant"/> falls on.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToDubai(instant).DateTime);

    /// <summary>The instant a Dubai calendar day starts (midnight in Dubai), in UTC.</summary>
    public static DateTimeOffset StartOf(DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>The Dubai day of <paramref name="now"/> as a half-open UTC range [start, end).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) DayOf(DateTimeOffset now)
    {
        var date = DateOf(now);
        return (StartOf(date), StartOf(date.AddDays(1)));
    }

    /// <summary><c>14 Mar 2025</c>.</summary>
    public static string FormatDate(DateTimeOffset instant) => ToDubai(instant).ToString("d MMM yyyy", Culture);

    /// <summary><c>14:05</c> (24-hour, as the UAE writes times).</summary>
    public static string FormatTime(DateTimeOffset instant) => ToDubai(instant).ToString("HH:mm", Culture);

    /// <summary><c>14 Mar 2025, 14:05</c>.</summary>
    public static string FormatDateTime(DateTimeOffset instant) => ToDubai(instant).ToString("d MMM yyyy, HH:mm", Culture);

    /// <summary>The ISO 8601 form with Dubai's offset, for a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public static string FormatIso(DateTimeOffset instant) => ToDubai(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", Culture);

    /// <summary>
    /// How long ago or how far ahead <paramref name="instant"/> is from <paramref name="now"/>, the way a person says
    /// it: <c>just now</c>, <c>5 min ago</c>, <c>in 3 h</c>, <c>yesterday, 09:30</c>, <c>tomorrow, 10:00</c>, and
    /// the date beyond a week.
    /// </summary>
    public static string FormatRelative(DateTimeOffset instant, DateTimeOffset now)
    {
        var delta = instant - now;
        var past = delta < TimeSpan.Zero;
        var span = past ? -delta : delta;
        if (span < TimeSpan.FromMinutes(1))
        {
            return "just now";
        }

        if (span < TimeSpan.FromHours(1))
        {
            return Ago(past, $"{(int)span.TotalMinutes} min");
        }

        var days = DateOf(instant).DayNumber - DateOf(now).DayNumber;
        if (days == 0)
        {
            return span < TimeSpan.FromHours(6) ? Ago(past, $"{(int)span.TotalHours} h") : "today, " + FormatTime(instant);
        }

        return days switch
        {
            -1 => "yesterday, " + FormatTime(instant),
            1 => "tomorrow, " + FormatTime(instant),
            < 0 and >= -6 => string.Create(Culture, $"{-days} days ago"),
            > 0 and <= 6 => string.Create(Culture, $"in {days} days"),
            _ => FormatDate(instant),
        };
    }

    private static string Ago(bool past, string amount) => past ? amount + " ago" : "in " + amount;

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ZoneId);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(ZoneId, TimeSpan.FromHours(4), "Dubai", "Gulf Standard Time");
        }
    }
}
