namespace Pace.Media;

/// <summary>
/// The content types the media store keeps, and the file extension of each: the one mapping between the two, used for
/// the keys of stored files and the <c>Content-Type</c> they are served with.
/// </summary>
public static class MediaTypes
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string WebP = "image/webp";

    private static readonly (string ContentType, string Extension)[] Known = [(Jpeg, "jpg"), (Png, "png"), (WebP, "webp")];

    public static string Of(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => Jpeg,
        ImageFormat.Png => Png,
        ImageFormat.WebP => WebP,
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The extension of a stored file of <paramref name="contentType"/>; null for a type the store does not keep.</summary>
    public static string? ExtensionOf(string? contentType) =>
        Known.FirstOrDefault(k => string.Equals(k.ContentType, contentType, StringComparison.OrdinalIgnoreCase)).Extension;

    /// <summary>The content type of a stored file's <paramref name="extension"/>; null for an unknown one.</summary>
    public static string? ContentTypeOf(string extension) =>
        Known.FirstOrDefault(k => string.Equals(k.Extension, extension, StringComparison.Ordinal)).ContentType;
}
