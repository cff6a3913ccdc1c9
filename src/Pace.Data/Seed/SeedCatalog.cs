using System.Text.Json;

namespace Pace.Data.Seed;

/// <summary>
/// The curated reference material the demo data is built from (embedded <c>Seed/*.json</c>): the Dubai location
/// tree with prices per community, the portal pick lists, and name pools for Dubai's population.
/// </summary>
internal sealed class SeedCatalog
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly Lazy<SeedCatalog> Instance = new(Load);

    private SeedCatalog(DubaiData dubai, ReferenceData reference, NamesData names)
    {
        Dubai = dubai;
        Reference = reference;
        Names = names;
    }

    public DubaiData Dubai { get; }

    public ReferenceData Reference { get; }

    public NamesData Names { get; }

    public static SeedCatalog Default => Instance.Value;

    private static SeedCatalog Load() =>
        new(Read<DubaiData>("dubai.json"), Read<ReferenceData>("reference.json"), Read<NamesData>("names.json"));

    private static T Read<T>(string name)
    {
        var resource = $"Pace.Data.Seed.{name}";
        using var stream = typeof(SeedCatalog).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing.");
        return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new InvalidOperationException($"{resource} is empty.");
    }
}

internal sealed record DubaiData(EmirateData Emirate, IReadOnlyList<CommunityData> Communities);

internal sealed record EmirateData(string Name, string? NameAr, double Latitude, double Longitude);

internal sealed record CommunityData
{
    public required string Name { get; init; }

    public string? NameAr { get; init; }

    public double Latitude { get; init; }

    public double Longitude { get; init; }

    /// <summary>The sales team that covers the community.</summary>
    public required string Team { get; init; }

    /// <summary>Relative share of listings and enquiries.</summary>
    public double Weight { get; init; } = 1;

    /// <summary>Property type code → relative share.</summary>
    public required IReadOnlyDictionary<string, double> PropertyTypes { get; init; }

    /// <summary>AED per sq. ft., low and high.</summary>
    public required IReadOnlyList<decimal> SalePricePerSqft { get; init; }

    /// <summary>AED per sq. ft. per year, low and high.</summary>
    public required IReadOnlyList<decimal> RentPerSqftYearly { get; init; }

    public IReadOnlyList<string> Developers { get; init; } = [];

    /// <summary>Share of sale listings that are off-plan resales or developer stock.</summary>
    public double OffPlanShare { get; init; }

    /// <summary>Multiplies the typical unit sizes (large plots and mansions).</summary>
    public double SizeFactor { get; init; } = 1;

    public IReadOnlyList<string> Views { get; init; } = [];

    public required string About { get; init; }

    public IReadOnlyList<SubCommunityData> SubCommunities { get; init; } = [];

    /// <summary>Buildings directly under the community, as the portals list them.</summary>
    public IReadOnlyList<BuildingData> Buildings { get; init; } = [];
}

internal sealed record SubCommunityData
{
    public required string Name { get; init; }

    public string? NameAr { get; init; }

    public string? Developer { get; init; }

    public IReadOnlyDictionary<string, double>? PropertyTypes { get; init; }

    public IReadOnlyList<decimal>? SalePricePerSqft { get; init; }

    public IReadOnlyList<decimal>? RentPerSqftYearly { get; init; }

    public double? SizeFactor { get; init; }

    /// <summary>Towers, or villa phases and clusters.</summary>
    public IReadOnlyList<string> Buildings { get; init; } = [];
}

internal sealed record BuildingData
{
    public required string Name { get; init; }

    public string? Developer { get; init; }

    /// <summary>An office building: where the community's commercial listings are.</summary>
    public bool Commercial { get; init; }
}

internal sealed record ReferenceData(
    IReadOnlyList<PropertyTypeData> PropertyTypes,
    IReadOnlyList<CodeLabel> Amenities,
    IReadOnlyList<CodeLabel> LostReasons,
    IReadOnlyList<CodeLabel> Languages,
    IReadOnlyList<NationalityData> Nationalities);

internal sealed record PropertyTypeData
{
    public required string Code { get; init; }

    public required string Label { get; init; }

    public string? LabelAr { get; init; }

    public required string Category { get; init; }

    /// <summary>Typical sizes by bedrooms; types without sizes are in the pick list but not generated.</summary>
    public IReadOnlyList<SizeBand> Sizes { get; init; } = [];

    public bool Inactive { get; init; }
}

internal sealed record SizeBand(short? Bedrooms, decimal Min, decimal Max, double Weight);

internal sealed record CodeLabel(string Code, string Label, string? LabelAr);

internal sealed record NationalityData(string Code, string Label, string Origin, double Weight, PhoneFormat Phone);

/// <summary>A mobile number plan: country code, the first digits of the national number and its length.</summary>
internal sealed record PhoneFormat(string Country, string Prefix, int Length);

internal sealed record NamesData(IReadOnlyList<EmailDomain> EmailDomains, IReadOnlyList<OriginData> Origins);

internal sealed record EmailDomain(string Domain, double Weight);

internal sealed record OriginData
{
    public required string Code { get; init; }

    public double StaffWeight { get; init; }

    /// <summary>ISO 639-1 code → share of people of this origin who prefer it.</summary>
    public required IReadOnlyDictionary<string, double> Languages { get; init; }

    public IReadOnlyList<string> EmailDomains { get; init; } = [];

    public required IReadOnlyList<string> Male { get; init; }

    public required IReadOnlyList<string> Female { get; init; }

    /// <summary>Family names; <c>Ivanov|Ivanova</c> gives the masculine and feminine forms.</summary>
    public required IReadOnlyList<string> Last { get; init; }
}
