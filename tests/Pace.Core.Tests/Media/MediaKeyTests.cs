using System.Security.Cryptography;
using Pace.Media;

namespace Pace.Core.Tests.Media;

public sealed class MediaKeyTests
{
    [Fact]
    public void The_key_is_the_sha256_of_the_bytes_and_the_extension_of_the_type()
    {
        byte[] bytes = [1, 2, 3];
        var key = MediaKey.Of(SHA256.HashData(bytes), MediaTypes.Png);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)) + ".png", key.ToString());
        Assert.Equal("image/png", key.ContentType);
        Assert.Equal(key, MediaKey.Of(SHA256.HashData(bytes), "IMAGE/PNG"));
    }

    [Fact]
    public void A_key_parses_back_to_itself()
    {
        var key = MediaKey.Of(SHA256.HashData([9]), MediaTypes.WebP);

        Assert.True(MediaKey.TryParse(key.ToString(), out var parsed));
        Assert.Equal(key, parsed);
        Assert.Equal("image/webp", parsed.ContentType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.gif")]
    [InlineData("0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef.jpg")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde.jpg")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.jpg/../x")]
    [InlineData("..23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.jpg")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.JPG")]
    public void Anything_but_64_lowercase_hex_digits_and_a_known_extension_is_not_a_key(string? text) =>
        Assert.False(MediaKey.TryParse(text, out _));

    [Fact]
    public void A_type_the_store_does_not_keep_has_no_key() =>
        Assert.Throws<ArgumentException>(() => MediaKey.Of(SHA256.HashData([1]), "image/gif"));
}
