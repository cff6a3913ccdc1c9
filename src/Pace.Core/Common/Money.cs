using System.Globalization;

namespace Pace.Common;

/// <summary>An amount in integer minor units (fils for AED) with its ISO 4217 currency.</summary>
public readonly record struct Money(long Minor, string Currency)
{
    public const string Aed = "AED";

    public static Money FromAed(decimal amount) => new(checked((long)decimal.Round(amount * 100m, MidpointRounding.AwayFromZero)), Aed);

    public decimal Major => Minor / 100m;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Currency} {Major:#,0.##}");
}
