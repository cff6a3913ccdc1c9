using System.Globalization;

namespace Pace.Listings;

/// <summary>
/// The public reference of a listing: <c>AA-S-10234</c> for sale, <c>AA-R-10235</c> for rent. The number comes from
/// one counter shared by both purposes, so a number is never used twice.
/// </summary>
public static class ListingReference
{
    /// <summary>The brokerage's prefix (Allsop &amp; Allsop).</summary>
    public const string Prefix = "AA";

    /// <summary>The first number handed out in an empty database.</summary>
    public const long FirstNumber = 10234;

    public static string Format(Purpose purpose, long number) =>
        string.Create(CultureInfo.InvariantCulture, $"{PrefixOf(purpose)}{number}");

    /// <summary>What every reference of <paramref name="purpose"/> starts with: <c>AA-S-</c> or <c>AA-R-</c>.</summary>
    public static string PrefixOf(Purpose purpose) => purpose == Purpose.Sale ? $"{Prefix}-S-" : $"{Prefix}-R-";
}
