using System.Globalization;
using System.Text.Json;
using Pace.Activities;
using Pace.Applicants;
using Pace.Common;
using Pace.Deals;
using Pace.Identity;
using Pace.Listings;
using Pace.Locations;
using Pace.Viewings;

namespace Pace.Data.Seed;

/// <summary>
/// Generates the demo brokerage deterministically: one <see cref="Random"/> with a fixed seed drives every choice and
/// every id (<see cref="Uuid7.FromRandom"/>), and all times are relative to the clock's "now", so the same seed and
/// clock give identical rows. Call the parts in order: places, reference values, staff, listings, then applicants.
/// </summary>
internal sealed partial class DemoDataGenerator
{
    public const string StaffDomain = "allsop.example";
    private static readonly TimeSpan DubaiOffset = TimeSpan.FromHours(4);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Random _random;
    private readonly SeedCatalog _catalog;
    private readonly DemoDataSize _size;
    private readonly DateTimeOffset _now;
    private readonly DateOnly _today;

    // When the brokerage moved onto PACE: reference data and the first staff rows date from then.
    private readonly DateTimeOffset _goLive;

    public DemoDataGenerator(SeedCatalog catalog, DemoDataSize size, DateTimeOffset now, int seed)
    {
        _catalog = catalog;
        _size = size;
        _random = new Random(seed);
        var utc = now.ToUniversalTime();
        _now = new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        _today = DubaiDate(_now);
        _goLive = _now.AddDays(-420);
        _propertyTypes = catalog.Reference.PropertyTypes.ToDictionary(p => p.Code, StringComparer.Ordinal);
        _amenityLabels = catalog.Reference.Amenities.ToDictionary(a => a.Code, a => a.Label, StringComparer.Ordinal);
        _origins = catalog.Names.Origins.ToDictionary(o => o.Code, StringComparer.Ordinal);
        _nationalities = new WeightedPicker<NationalityData>(catalog.Reference.Nationalities.Select(n => (n, n.Weight)));
        _nationalitiesByOrigin = catalog.Reference.Nationalities.GroupBy(n => n.Origin, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new WeightedPicker<NationalityData>(g.Select(n => (n, n.Weight))), StringComparer.Ordinal);
        _staffOrigins = new WeightedPicker<OriginData>(catalog.Names.Origins.Select(o => (o, o.StaffWeight)));
        _emailDomains = new WeightedPicker<string>(catalog.Names.EmailDomains.Select(d => (d.Domain, d.Weight)));
    }

    public DateTimeOffset Now => _now;

    private Guid NewId(DateTimeOffset at) => Uuid7.FromRandom(_random, at);

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private int Next(int minInclusive, int maxInclusive) => _random.Next(minInclusive, maxInclusive + 1);

    private double Uniform(double min, double max) => min + _random.NextDouble() * (max - min);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string Pick(IReadOnlyList<string> items) => items[_random.Next(items.Count)];

    /// <summary>A whole second between <paramref name="from"/> and <paramref name="to"/> (or <paramref name="from"/> when the range is empty).</summary>
    private DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return from;
        }

        var seconds = (long)(to - from).TotalSeconds;
        return from.AddSeconds(Math.Floor(_random.NextDouble() * seconds));
    }

    private DateTimeOffset DaysAgo(double min, double max) => Between(_now.AddDays(-max), _now.AddDays(-min));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateOnly DubaiDate(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime + DubaiOffset);

    /// <summary>A Dubai wall-clock time as UTC.</summary>
    private static DateTimeOffset DubaiTime(DateOnly day, int hour, int minute) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero) - DubaiOffset;

    private static string Data(object value) => JsonSerializer.Serialize(value, Json);

    private string Hex(int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = "0123456789abcdef"[_random.Next(16)];
        }

        return new string(chars);
    }

    private string Digits(int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = (char)('0' + _random.Next(10));
        }

        return new string(chars);
    }

    private static string Aed(long minor) => string.Create(CultureInfo.InvariantCulture, $"AED {minor / 100:#,0}");

    private Activity NewActivity(ActivityKind kind, DateTimeOffset at, Guid? applicantId = null, Guid? userId = null, Guid? listingId = null,
        Direction? direction = null, string? subject = null, string? body = null, string? data = null)
    {
        return new Activity
        {
            Id = NewId(at),
            Kind = kind,
            ApplicantId = applicantId,
            ListingId = listingId,
            UserId = userId,
            OccurredAt = at,
            Direction = direction,
            Subject = subject,
            Body = body,
            Data = data,
            CreatedAt = at,
            UpdatedAt = at,
        };
    }
}

/// <summary>Picks items in proportion to their weights.</summary>
internal sealed class WeightedPicker<T>
{
    private readonly T[] _items;
    private readonly double[] _cumulative;

    public WeightedPicker(IEnumerable<(T Item, double Weight)> items)
    {
        var kept = items.Where(i => i.Weight > 0).ToList();
        _items = kept.Select(i => i.Item).ToArray();
        _cumulative = new double[kept.Count];
        var total = 0d;
        for (var i = 0; i < kept.Count; i++)
        {
            total += kept[i].Weight;
            _cumulative[i] = total;
        }
    }

    public bool IsEmpty => _items.Length == 0;

    public IReadOnlyList<T> Items => _items;

    public T Pick(Random random)
    {
        if (_items.Length == 0)
        {
            throw new InvalidOperationException("Nothing to pick from.");
        }

        var x = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, x);
        return _items[Math.Min(index < 0 ? ~index : index + 1, _items.Length - 1)];
    }
}

/// <summary>Rows of one table group, generated together and copied in foreign-key order.</summary>
internal sealed class DemoBatch
{
    public List<Applicant> Applicants { get; } = [];

    public List<ApplicantPhone> Phones { get; } = [];

    public List<ApplicantEmail> Emails { get; } = [];

    public List<Requirement> Requirements { get; } = [];

    public List<Consent> Consents { get; } = [];

    public List<Listing> Listings { get; } = [];

    public List<ListingMedia> Media { get; } = [];

    public List<ListingPortal> Portals { get; } = [];

    public List<ListingApproval> Approvals { get; } = [];

    public List<Viewing> Viewings { get; } = [];

    public List<Offer> Offers { get; } = [];

    public List<Deal> Deals { get; } = [];

    public List<Activity> Activities { get; } = [];
}

internal sealed class CommunityPlace(CommunityData data, Location location)
{
    public CommunityData Data { get; } = data;

    public Location Location { get; } = location;

    public List<PlaceTarget> Residential { get; } = [];

    public List<PlaceTarget> Commercial { get; } = [];

    public List<Location> SubCommunities { get; } = [];

    public TeamInfo Team { get; set; } = null!;

    public double CommercialShare { get; set; }

    public bool Waterfront { get; set; }

    public bool Landmark { get; set; }
}

/// <summary>A place a listing can be: a building, or a sub-community without buildings, with its prices and types.</summary>
internal sealed record PlaceTarget(
    CommunityPlace Community,
    Location Location,
    Location? SubCommunity,
    string ProjectName,
    string? Developer,
    WeightedPicker<string> Types,
    IReadOnlyList<decimal> SalePerSqft,
    IReadOnlyList<decimal> RentPerSqft,
    double SizeFactor);

/// <summary>An area of communities (dubai.json's "team") and the people working it; <see cref="Team"/> is its first team.</summary>
internal sealed class TeamInfo(Team team)
{
    public Team Team { get; } = team;

    public List<StaffMember> Members { get; } = [];

    /// <summary>The teams working the area (one in the demo): their agents share its leads and listings.</summary>
    public List<Team> Teams { get; } = [];

    public WeightedPicker<StaffMember> LeadPicker { get; set; } = null!;

    public WeightedPicker<StaffMember> ListingPicker { get; set; } = null!;

    public List<CommunityPlace> Communities { get; } = [];
}

internal sealed class StaffMember(User user, string firstName, int index)
{
    public User User { get; } = user;

    public string FirstName { get; } = firstName;

    public int Index { get; } = index;

    /// <summary>The area whose leads and listings the person works.</summary>
    public TeamInfo? Team { get; set; }

    /// <summary>The manager of the person's team (a manager is their own).</summary>
    public StaffMember? Manager { get; set; }

    public double LeadWeight { get; set; }

    public double ListingWeight { get; set; }
}

internal sealed class ListingInfo(Listing listing, PlaceTarget target)
{
    public Listing Listing { get; } = listing;

    public PlaceTarget Target { get; } = target;

    public StaffMember Agent { get; set; } = null!;

    /// <summary>Taken by an applicant's accepted offer (sold, rented or under offer).</summary>
    public bool Claimed { get; set; }
}

internal sealed record Person(string FirstName, string LastName, bool Female, NationalityData Nationality, OriginData Origin, string Language);
