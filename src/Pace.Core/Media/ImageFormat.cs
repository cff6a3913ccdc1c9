namespace Pace.Media;

/// <summary>The image formats PACE accepts: what the portals take and every browser shows.</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    WebP,
}
