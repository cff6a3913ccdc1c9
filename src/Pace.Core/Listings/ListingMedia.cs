using Pace.Common;

namespace Pace.Listings;

public enum MediaKind
{
    Image,
    FloorPlan,
    Video,
    Tour360,
}

/// <summary>An image or floor plan in the media store, or a link to a video or 360° tour, in display order.</summary>
public sealed class ListingMedia : Entity
{
    public Guid ListingId { get; set; }

    public MediaKind Kind { get; set; }

    public int SortOrder { get; set; }

    /// <summary>Key of the file in the media store (uploaded images and floor plans): the SHA-256 of its bytes and its extension.</summary>
    public string? StorageKey { get; set; }

    /// <summary>External link (videos, tours, photos hosted elsewhere) or where a stored file is served (<c>/media/{key}</c>).</summary>
    public string? Url { get; set; }

    public string? ContentType { get; set; }

    public int? Width { get; set; }

    public int? Height { get; set; }

    public long? SizeBytes { get; set; }

    public string? Caption { get; set; }
}
