using System.Globalization;

namespace Pace.Listings;

/// <summary>
/// A listing on the market keeps its approved price: a change beyond a percentage an admin sets (setting
/// <see cref="SettingKey"/>, default <see cref="DefaultPercent"/>) waits for the manager's approval, a smaller one
/// applies at once. Before it is on the market, the go-live approval covers the price.
/// </summary>
public static class PriceChangePolicy
{
    public const string SettingKey = "listings.price_change_approval_percent";

    public const decimal DefaultPercent = 10m;

    /// <summary>Whether changing the price of a listing in <paramref name="status"/> from one amount to another needs approval.</summary>
    public static bool NeedsApproval(ListingStatus status, long fromMinor, long toMinor, decimal percent)
    {
        if (!ListingLifecycle.IsOnMarket(status) || fromMinor == toMinor)
        {
            return false;
        }

        return fromMinor <= 0 || Math.Abs((decimal)toMinor - fromMinor) * 100m > percent * fromMinor;
    }

    /// <summary>
    /// The threshold from the setting's JSON value (<c>10</c>, <c>12.5</c>, or the same as a string); the default when
    /// the setting is absent or not a percentage between 0 and 100.
    /// </summary>
    public static decimal ParsePercent(string? settingValue)
    {
        var text = settingValue?.Trim().Trim('"');
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100
            ? percent
            : DefaultPercent;
    }
}
