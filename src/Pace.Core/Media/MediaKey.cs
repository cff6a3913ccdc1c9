using System.Globalization;

namespace Pace.Media;

/// <summary>
/// The address of a stored file: the SHA-256 of its bytes in lowercase hex, a dot and the extension of its type
/// (<c>3f7a…e1.jpg</c>). The same bytes always get the same key, so storing them again changes nothing. A key is made
/// only from a hash or by <see cref="TryParse"/>, which takes 64 hex digits and a known extension and nothing else:
/// a key cannot name a path outside the store.
/// </summary>
public readonly record struct MediaKey
{
    public const int HashLength = 64;

    /// <summary>Where pace-web serves stored files: <c>/media/{key}</c>.</summary>
    public const string UrlPrefix = "/media/";

    private MediaKey(string hash, string extension)
    {
        Hash = hash;
        Extension = extension;
    }

    /// <summary>The SHA-256 of the bytes, 64 lowercase hex digits: also the file's strong ETag.</summary>
    public string Hash { get; }

    public string Extension { get; }

    public string ContentType => MediaTypes.ContentTypeOf(Extension)!;

    /// <summary>The address pace-web serves the file at (to signed-in staff).</summary>
    public string Url => UrlPrefix + ToString();

    /// <summary>The key of bytes whose SHA-256 is <paramref name="sha256"/>, stored as <paramref name="contentType"/>.</summary>
    public static MediaKey Of(ReadOnlySpan<byte> sha256, string contentType)
    {
        if (sha256.Length != HashLength / 2)
        {
            throw new ArgumentException("A SHA-256 hash is 32 bytes.", nameof(sha256));
        }

        var extension = MediaTypes.ExtensionOf(contentType)
            ?? throw new ArgumentException($"The media store does not keep {contentType}.", nameof(contentType));
        return new MediaKey(Convert.ToHexStringLower(sha256), extension);
    }

    public static bool TryParse(string? text, out MediaKey key)
    {
        key = default;
        if (text is null || text.Length <= HashLength + 1 || text[HashLength] != '.')
        {
            return false;
        }

        var hash = text[..HashLength];
        var extension = text[(HashLength + 1)..];
        if (!hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f') || MediaTypes.ContentTypeOf(extension) is null)
        {
            return false;
        }

        key = new MediaKey(hash, extension);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Hash}.{Extension}");
}
