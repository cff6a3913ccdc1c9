using System.Globalization;
using Pace.Common;

namespace Pace.Listings;

/// <summary>
/// What the regulator requires before a listing is advertised. In Dubai every advert needs a Trakheesi advertising
/// permit from RERA/DLD (DTCM for holiday homes), in Abu Dhabi an ADREC permit; the permit must be current, and the
/// advert's price and size must be the permit's (portals check, and DLD fines adverts that differ).
/// </summary>
public static class ListingCompliance
{
    public const string PermitMissing = "permit_missing";
    public const string PermitTypeMissing = "permit_type_missing";
    public const string PermitTypeInvalid = "permit_type_invalid";
    public const string PermitExpiryMissing = "permit_expiry_missing";
    public const string PermitExpired = "permit_expired";
    public const string PermitPriceMissing = "permit_price_missing";
    public const string PermitPriceMismatch = "permit_price_mismatch";
    public const string PermitSizeMissing = "permit_size_missing";
    public const string PermitSizeMismatch = "permit_size_mismatch";

    private static readonly Dictionary<string, Regulator> Regulators = new(StringComparer.Ordinal)
    {
        ["dubai"] = new("Dubai", "a RERA/DLD (Trakheesi) advertising permit", [PermitType.Rera, PermitType.Dtcm]),
        ["abu-dhabi"] = new("Abu Dhabi", "an ADREC advertising permit", [PermitType.Adrec]),
    };

    /// <summary>Whether a listing at <paramref name="locationPath"/> needs an advertising permit at all.</summary>
    public static bool RequiresPermit(string locationPath) => RegulatorOf(locationPath) is not null;

    /// <summary>
    /// Every problem that keeps <paramref name="listing"/>, located at <paramref name="locationPath"/> (the location
    /// tree path, its first segment the emirate), from going live on <paramref name="today"/> (a Dubai date). Empty
    /// when it may go live. All problems are reported together, so the agent fixes them in one go.
    /// </summary>
    public static IReadOnlyList<ComplianceProblem> Check(Listing listing, string locationPath, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(locationPath);
        var problems = new List<ComplianceProblem>();
        if (RegulatorOf(locationPath) is not { } regulator)
        {
            return problems;
        }

        if (string.IsNullOrWhiteSpace(listing.PermitNumber))
        {
            // Without a permit the rest (its expiry, price and size) has nothing to be checked against.
            problems.Add(new(PermitMissing, "permitNumber",
                $"A listing in {regulator.Emirate} cannot go live without {regulator.Permit}: permitNumber is missing."));
            return problems;
        }

        if (listing.PermitType is not { } type)
        {
            problems.Add(new(PermitTypeMissing, "permitType",
                $"The permit's type is missing: a listing in {regulator.Emirate} needs {Types(regulator)}."));
        }
        else if (!regulator.Types.Contains(type))
        {
            problems.Add(new(PermitTypeInvalid, "permitType",
                $"A {Name(type)} permit is not valid in {regulator.Emirate}: a listing there needs {Types(regulator)}."));
        }

        if (listing.PermitExpiresOn is not { } expires)
        {
            problems.Add(new(PermitExpiryMissing, "permitExpiresOn", $"The expiry date of permit {listing.PermitNumber} is missing."));
        }
        else if (expires < today)
        {
            problems.Add(new(PermitExpired, "permitExpiresOn", Invariant(
                $"Permit {listing.PermitNumber} expired on {expires:yyyy-MM-dd}: renew it and enter the new expiry date.")));
        }

        if (listing.PermitPriceMinor is not { } permitPrice)
        {
            problems.Add(new(PermitPriceMissing, "permitPriceMinor", $"The price on permit {listing.PermitNumber} is missing."));
        }
        else if (permitPrice != listing.PriceMinor)
        {
            problems.Add(new(PermitPriceMismatch, "priceMinor",
                $"The price {new Money(listing.PriceMinor, listing.Currency)} differs from the permit's {new Money(permitPrice, listing.Currency)}."));
        }

        if (listing.PermitSizeSqft is not { } permitSize)
        {
            problems.Add(new(PermitSizeMissing, "permitSizeSqft", $"The size on permit {listing.PermitNumber} is missing."));
        }
        else if (permitSize != listing.SizeSqft)
        {
            problems.Add(new(PermitSizeMismatch, "sizeSqft",
                Invariant($"The size {listing.SizeSqft:#,0.##} sq ft differs from the permit's {permitSize:#,0.##} sq ft.")));
        }

        return problems;
    }

    /// <summary>
    /// The problems of <paramref name="after"/> that <paramref name="before"/> did not have: what a change to a listing
    /// already on the market would break (a new price without the permit's new price), as opposed to what was so already.
    /// </summary>
    public static IReadOnlyList<ComplianceProblem> Introduced(IReadOnlyList<ComplianceProblem> before, IReadOnlyList<ComplianceProblem> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return after.Where(a => !before.Any(b => b.Code == a.Code)).ToList();
    }

    private static Regulator? RegulatorOf(string locationPath)
    {
        var slash = locationPath.IndexOf('/', StringComparison.Ordinal);
        var emirate = slash < 0 ? locationPath : locationPath[..slash];
        return Regulators.GetValueOrDefault(emirate);
    }

    private static string Types(Regulator regulator) =>
        regulator.Types.Length == 1 ? $"an {Name(regulator.Types[0])} permit" : $"a {string.Join(" or ", regulator.Types.Select(Name))} permit";

    private static string Name(PermitType type) => type.ToString().ToUpperInvariant();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Regulator(string Emirate, string Permit, PermitType[] Types);
}
