using System.Globalization;
using Pace.Common;

namespace Pace.Web.Ui;

/// <summary>
/// How values read on a page: instants in Dubai time (through <see cref="DubaiTime"/>), money in AED with thousands
/// separators, enum values as words. Views call these and never format by hand, so every page says it the same way.
/// </summary>
public static class Show
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static string Date(DateTimeOffset instant) => DubaiTime.FormatDate(instant);

    public static string Time(DateTimeOffset instant) => DubaiTime.FormatTime(instant);

    public static string DateTime(DateTimeOffset instant) => DubaiTime.FormatDateTime(instant);

    public static string Iso(DateTimeOffset instant) => DubaiTime.FormatIso(instant);

    public static string Relative(DateTimeOffset instant, DateTimeOffset now) => DubaiTime.FormatRelative(instant, now);

    /// <summary>The value of a <c>datetime-local</c> input: Dubai wall-clock time, to the minute.</summary>
    public static string LocalInput(DateTimeOffset instant) => DubaiTime.ToDubai(instant).ToString("yyyy-MM-dd'T'HH:mm", Culture);

    /// <summary><c>AED 1,250,000</c>; fils only when there are any.</summary>
    public static string Money(long minor, string currency = Pace.Common.Money.Aed) => new Money(minor, currency).ToString();

    /// <summary>A budget or price range: <c>AED 1.2M – 1.8M</c>, <c>up to AED 90k</c>, <c>from AED 2M</c>.</summary>
    public static string Range(long? minMinor, long? maxMinor, string currency = Pace.Common.Money.Aed) => (minMinor, maxMinor) switch
    {
        (null, null) => "Any budget",
        ({ } min, null) => $"from {currency} {Compact(min)}",
        (null, { } max) => $"up to {currency} {Compact(max)}",
        ({ } min, { } max) => $"{currency} {Compact(min)} – {Compact(max)}",
    };

    /// <summary>A round amount the way an agent says it: <c>950k</c>, <c>1.25M</c>.</summary>
    public static string Compact(long minor)
    {
        var major = minor / 100m;
        return major switch
        {
            >= 1_000_000m => (major / 1_000_000m).ToString("0.##", Culture) + "M",
            >= 10_000m => (major / 1_000m).ToString("0.#", Culture) + "k",
            _ => major.ToString("#,0", Culture),
        };
    }

    /// <summary>An enum value as words: <c>PendingApproval</c> → <c>Pending approval</c>, <c>WhatsApp</c> stays one word.</summary>
    public static string Label<T>(T value)
        where T : struct, Enum
    {
        var words = SnakeCase.Of(value.ToString()).Split('_');
        var text = string.Join(' ', words);
        return text.Replace("whatsapp", "WhatsApp", StringComparison.Ordinal) switch
        {
            var t when t.StartsWith("WhatsApp", StringComparison.Ordinal) => t,
            var t => char.ToUpperInvariant(t[0]) + t[1..],
        };
    }

    /// <summary>The badge class of a stage or status: <c>badge badge-pending-approval</c>.</summary>
    public static string Badge<T>(T value)
        where T : struct, Enum => "badge badge-" + SnakeCase.Of(value.ToString()).Replace('_', '-');

    /// <summary>The API's snake_case name of an enum value, as query strings and form values carry it.</summary>
    public static string Code<T>(T value)
        where T : struct, Enum => SnakeCase.Of(value.ToString());

    /// <summary>A bedroom range: <c>2–3 beds</c>, <c>3+ beds</c>, <c>studio</c>, <c>any beds</c>.</summary>
    public static string Beds(short? min, short? max) => (min, max) switch
    {
        (null, null) => "any beds",
        (0, 0) => "studio",
        ({ } from, null) => string.Create(Culture, $"{from}+ beds"),
        (null, { } to) => string.Create(Culture, $"up to {to} beds"),
        ({ } from, { } to) when from == to => string.Create(Culture, $"{from} beds"),
        ({ } from, { } to) => string.Create(Culture, $"{from}–{to} beds"),
    };

    /// <summary>A listing's price: <c>AED 1,250,000</c>, or <c>AED 95,000 / year</c> for a rent.</summary>
    public static string Price(long minor, string currency, Pace.Listings.RentFrequency? frequency) =>
        Money(minor, currency) + (frequency is { } f ? " / " + f switch
        {
            Pace.Listings.RentFrequency.Yearly => "year",
            Pace.Listings.RentFrequency.Monthly => "month",
            Pace.Listings.RentFrequency.Weekly => "week",
            _ => "day",
        } : "");

    /// <summary><c>Studio</c>, <c>1 bed</c>, <c>3 beds</c>; a dash where bedrooms do not apply.</summary>
    public static string Bedrooms(short? beds) => beds switch
    {
        null => "—",
        0 => "Studio",
        1 => "1 bed",
        { } n => string.Create(Culture, $"{n} beds"),
    };

    /// <summary>A size or count with thousands separators: <c>1,250</c>.</summary>
    public static string Number(decimal value) => value.ToString("#,0.##", Culture);

    /// <summary>A calendar day: <c>14 Mar 2025</c>.</summary>
    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", Culture);

    /// <summary>Up to two initials for an avatar.</summary>
    public static string Initials(string? name)
    {
        var parts = (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => "?",
            1 => parts[0][..1].ToUpperInvariant(),
            _ => (parts[0][..1] + parts[^1][..1]).ToUpperInvariant(),
        };
    }

    public static string Plural(int count, string one, string many) => count == 1 ? $"1 {one}" : string.Create(Culture, $"{count} {many}");
}
