using System.Text;
using Pace.Listings;
using Pace.Locations;
using Pace.Reference;

namespace Pace.Data.Seed;

internal sealed partial class DemoDataGenerator
{
    private readonly List<Location> _locations = [];
    private readonly List<CommunityPlace> _communities = [];
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PropertyTypeData> _propertyTypes;
    private readonly Dictionary<string, string> _amenityLabels;
    private WeightedPicker<CommunityPlace> _communityPicker = null!;

    /// <summary>Emirate → communities → sub-communities → buildings, parents before children.</summary>
    public IReadOnlyList<Location> GenerateLocations()
    {
        var dubai = _catalog.Dubai;
        var root = AddLocation(null, LocationLevel.Emirate, dubai.Emirate.Name, dubai.Emirate.NameAr, dubai.Emirate.Latitude, dubai.Emirate.Longitude);
        foreach (var data in dubai.Communities)
        {
            var location = AddLocation(root, LocationLevel.Community, data.Name, data.NameAr, data.Latitude, data.Longitude);
            var place = new CommunityPlace(data, location)
            {
                Waterfront = data.Views.Any(v => v.Contains("Sea", StringComparison.Ordinal) || v.Contains("Marina", StringComparison.Ordinal)
                    || v.Contains("Creek", StringComparison.Ordinal) || v.Contains("Canal", StringComparison.Ordinal)
                    || v.Contains("Lagoon", StringComparison.Ordinal) || v.Contains("Lake", StringComparison.Ordinal)),
                Landmark = data.Views.Any(v => v.Contains("Burj", StringComparison.Ordinal) || v.Contains("Atlantis", StringComparison.Ordinal)
                    || v.Contains("Ain Dubai", StringComparison.Ordinal)),
            };
            var communityTypes = ResidentialTypes(data.PropertyTypes);
            foreach (var sub in data.SubCommunities)
            {
                var subLocation = AddLocation(location, LocationLevel.SubCommunity, sub.Name, sub.NameAr, Jitter(data.Latitude), Jitter(data.Longitude));
                place.SubCommunities.Add(subLocation);
                var types = sub.PropertyTypes is null ? communityTypes : ResidentialTypes(sub.PropertyTypes);
                var sale = sub.SalePricePerSqft ?? data.SalePricePerSqft;
                var rent = sub.RentPerSqftYearly ?? data.RentPerSqftYearly;
                var sizeFactor = sub.SizeFactor ?? data.SizeFactor;
                if (sub.Buildings.Count == 0)
                {
                    place.Residential.Add(new PlaceTarget(place, subLocation, subLocation, sub.Name, sub.Developer, types, sale, rent, sizeFactor));
                }

                foreach (var building in sub.Buildings)
                {
                    var buildingLocation = AddLocation(subLocation, LocationLevel.Building, building, null, Jitter(subLocation.Latitude!.Value), Jitter(subLocation.Longitude!.Value));
                    place.Residential.Add(new PlaceTarget(place, buildingLocation, subLocation, sub.Name, sub.Developer, types, sale, rent, sizeFactor));
                }
            }

            var officeTypes = new WeightedPicker<string>([("office-space", 1d)]);
            foreach (var building in data.Buildings)
            {
                var buildingLocation = AddLocation(location, LocationLevel.Building, building.Name, null, Jitter(data.Latitude), Jitter(data.Longitude));
                var target = new PlaceTarget(place, buildingLocation, null, building.Name, building.Developer,
                    building.Commercial ? officeTypes : communityTypes, data.SalePricePerSqft, data.RentPerSqftYearly, data.SizeFactor);
                (building.Commercial ? place.Commercial : place.Residential).Add(target);
            }

            if (place.Residential.Count == 0)
            {
                place.Residential.Add(new PlaceTarget(place, location, null, data.Name, null, communityTypes, data.SalePricePerSqft, data.RentPerSqftYearly, data.SizeFactor));
            }

            var totalTypeWeight = data.PropertyTypes.Values.Sum();
            place.CommercialShare = place.Commercial.Count == 0 || totalTypeWeight <= 0
                ? 0
                : data.PropertyTypes.GetValueOrDefault("office-space") / totalTypeWeight;
            _communities.Add(place);
        }

        _communityPicker = new WeightedPicker<CommunityPlace>(_communities.Select(c => (c, c.Data.Weight)));
        return _locations;
    }

    /// <summary>The pick lists: property types and amenities (Property Finder slugs), lost reasons, languages, nationalities.</summary>
    public IReadOnlyList<ReferenceValue> GenerateReferenceValues()
    {
        var reference = _catalog.Reference;
        var values = new List<ReferenceValue>();
        var at = _goLive;
        void Add(ReferenceKind kind, string code, string label, string? labelAr, int sortOrder, bool active = true)
        {
            at = at.AddSeconds(1);
            values.Add(new ReferenceValue
            {
                Id = NewId(at),
                Kind = kind,
                Code = code,
                Label = label,
                LabelAr = labelAr,
                SortOrder = sortOrder,
                IsActive = active,
                CreatedAt = at,
                UpdatedAt = at,
            });
        }

        for (var i = 0; i < reference.PropertyTypes.Count; i++)
        {
            var type = reference.PropertyTypes[i];
            Add(ReferenceKind.PropertyType, type.Code, type.Label, type.LabelAr, i + 1, !type.Inactive);
        }

        for (var i = 0; i < reference.Amenities.Count; i++)
        {
            Add(ReferenceKind.Amenity, reference.Amenities[i].Code, reference.Amenities[i].Label, reference.Amenities[i].LabelAr, i + 1);
        }

        for (var i = 0; i < reference.LostReasons.Count; i++)
        {
            Add(ReferenceKind.LostReason, reference.LostReasons[i].Code, reference.LostReasons[i].Label, reference.LostReasons[i].LabelAr, i + 1);
        }

        for (var i = 0; i < reference.Languages.Count; i++)
        {
            Add(ReferenceKind.Language, reference.Languages[i].Code, reference.Languages[i].Label, reference.Languages[i].LabelAr, i + 1);
        }

        var nationalities = reference.Nationalities.OrderBy(n => n.Label, StringComparer.Ordinal).ToList();
        for (var i = 0; i < nationalities.Count; i++)
        {
            Add(ReferenceKind.Nationality, nationalities[i].Code, nationalities[i].Label, null, i + 1);
        }

        return values;
    }

    private Location AddLocation(Location? parent, LocationLevel level, string name, string? nameAr, double latitude, double longitude)
    {
        var at = _goLive.AddSeconds(_locations.Count);
        var path = parent is null ? Slug(name) : parent.Path + "/" + Slug(name);
        if (!_paths.Add(path))
        {
            throw new InvalidOperationException($"Two locations have the path {path}.");
        }

        var location = new Location
        {
            Id = NewId(at),
            ParentId = parent?.Id,
            Level = level,
            Name = name,
            NameAr = nameAr,
            Path = path,
            Latitude = Math.Round(latitude, 5),
            Longitude = Math.Round(longitude, 5),
            CreatedAt = at,
            UpdatedAt = at,
        };
        _locations.Add(location);
        return location;
    }

    private double Jitter(double coordinate) => coordinate + Uniform(-0.006, 0.006);

    private WeightedPicker<string> ResidentialTypes(IReadOnlyDictionary<string, double> types)
    {
        var residential = types
            .Where(t => _propertyTypes.TryGetValue(t.Key, out var type) ? type.Category == "residential" && type.Sizes.Count > 0
                : throw new InvalidOperationException($"Unknown property type {t.Key} in dubai.json."))
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => (t.Key, t.Value));
        return new WeightedPicker<string>(residential);
    }

    /// <summary><c>Act One | Act Two</c> → <c>act-one-act-two</c>; <c>Bay's Edge</c> → <c>bays-edge</c>.</summary>
    internal static string Slug(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Replace("&", " and ", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().TrimEnd('-');
    }

    private PropertyCategory CategoryOf(string propertyType) =>
        _propertyTypes[propertyType].Category == "commercial" ? PropertyCategory.Commercial : PropertyCategory.Residential;
}
