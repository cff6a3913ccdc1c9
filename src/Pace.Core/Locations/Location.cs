using Pace.Common;

namespace Pace.Locations;

public enum LocationLevel
{
    Emirate,
    Community,
    SubCommunity,
    Building,
}

/// <summary>
/// A node of the Dubai location tree (emirate → community → sub-community → building), with the ids the portals
/// use for the same place.
/// </summary>
public sealed class Location : Entity
{
    public Guid? ParentId { get; set; }

    public Location? Parent { get; set; }

    public LocationLevel Level { get; set; }

    public required string Name { get; set; }

    public string? NameAr { get; set; }

    /// <summary>Slugs from the root, joined by '/': <c>dubai/dubai-marina/marina-gate-1</c>. A subtree is a prefix.</summary>
    public required string Path { get; set; }

    /// <summary>Property Finder location-tree id (<c>location.id</c> of the Atlas API).</summary>
    public int? PropertyFinderId { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }
}
