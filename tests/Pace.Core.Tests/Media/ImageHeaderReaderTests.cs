using Pace.Media;
using Pace.Testing;

namespace Pace.Core.Tests.Media;

public sealed class ImageHeaderReaderTests
{
    [Theory]
    [InlineData(800, 600)]
    [InlineData(1, 1)]
    [InlineData(4032, 3024)]
    [InlineData(600, 800)]
    public void Reads_the_size_of_a_png(int width, int height) =>
        Assert.Equal(new ImageHeader(ImageFormat.Png, width, height), ImageHeaderReader.Read(TestImages.Png(width, height)));

    [Theory]
    [InlineData(800, 600, false)]
    [InlineData(65535, 3, false)]
    [InlineData(1024, 768, true)]
    public void Reads_the_size_of_a_jpeg_from_its_frame_header_after_the_other_segments(int width, int height, bool progressive) =>
        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, width, height), ImageHeaderReader.Read(TestImages.Jpeg(width, height, progressive)));

    [Fact]
    public void Skips_fill_bytes_and_standalone_markers_before_the_frame_header()
    {
        var jpeg = TestImages.Jpeg(900, 700);
        // SOI, then fill bytes and a restart marker (no length) before the first segment.
        byte[] padded = [0xFF, 0xD8, 0xFF, 0xFF, 0xD0, .. jpeg[2..]];

        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 900, 700), ImageHeaderReader.Read(padded));
    }

    [Theory]
    [InlineData(800, 600, false)]
    [InlineData(16384, 1, false)]
    [InlineData(1200, 900, true)]
    public void Reads_the_size_of_a_lossless_or_extended_webp(int width, int height, bool extended) =>
        Assert.Equal(new ImageHeader(ImageFormat.WebP, width, height), ImageHeaderReader.Read(TestImages.WebP(width, height, extended)));

    [Fact]
    public void Reads_the_size_of_a_lossy_webp() =>
        Assert.Equal(new ImageHeader(ImageFormat.WebP, 1920, 1080), ImageHeaderReader.Read(TestImages.LossyWebPHeader(1920, 1080)));

    [Fact]
    public void Detects_the_format_by_magic_bytes_and_nothing_else()
    {
        Assert.Equal(ImageFormat.Jpeg, ImageHeaderReader.Detect(TestImages.Jpeg(800, 600)));
        Assert.Equal(ImageFormat.Png, ImageHeaderReader.Detect(TestImages.Png(800, 600)));
        Assert.Equal(ImageFormat.WebP, ImageHeaderReader.Detect(TestImages.WebP(800, 600)));
        Assert.Null(ImageHeaderReader.Detect("GIF89a\x01\x00\x01\x00"u8));
        Assert.Null(ImageHeaderReader.Detect("%PDF-1.7\n"u8));
        Assert.Null(ImageHeaderReader.Detect("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8));
        Assert.Null(ImageHeaderReader.Detect("RIFF\x04\x00\x00\x00WAVE"u8));
        Assert.Null(ImageHeaderReader.Detect([]));
    }

    [Fact]
    public void A_header_cut_short_is_unreadable()
    {
        var png = TestImages.Png(800, 600);
        var jpeg = TestImages.Jpeg(800, 600);
        var webp = TestImages.WebP(800, 600);

        Assert.Null(ImageHeaderReader.Read(png.AsSpan(0, 20)));
        // The JFIF and quantisation segments are there, the frame header is not.
        Assert.Null(ImageHeaderReader.Read(jpeg.AsSpan(0, 90)));
        Assert.Null(ImageHeaderReader.Read(jpeg.AsSpan(0, 3)));
        // The RIFF size says more bytes than arrived.
        Assert.Null(ImageHeaderReader.Read(webp.AsSpan(0, webp.Length - 2)));
    }

    [Fact]
    public void A_damaged_header_is_unreadable()
    {
        var png = TestImages.Png(800, 600);
        png[12] = (byte)'X'; // IHDR no longer first
        var zeroWidth = TestImages.Png(800, 600);
        zeroWidth[16] = zeroWidth[17] = zeroWidth[18] = zeroWidth[19] = 0;
        var badDepth = TestImages.Png(800, 600);
        badDepth[24] = 3; // RGB at 3 bits per sample does not exist
        var jpegWithoutFrame = TestImages.Jpeg(800, 600);
        // The frame header becomes a comment: the scan then comes before any frame header.
        jpegWithoutFrame[jpegWithoutFrame.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]) + 1] = 0xFE;
        var webp = TestImages.WebP(800, 600);
        webp[20] = 0x00; // VP8L signature byte
        var unknownChunk = TestImages.WebP(800, 600);
        "ALPH"u8.CopyTo(unknownChunk.AsSpan(12));

        Assert.Null(ImageHeaderReader.Read(png));
        Assert.Null(ImageHeaderReader.Read(zeroWidth));
        Assert.Null(ImageHeaderReader.Read(badDepth));
        Assert.Null(ImageHeaderReader.Read(jpegWithoutFrame));
        Assert.Null(ImageHeaderReader.Read(webp));
        Assert.Null(ImageHeaderReader.Read(unknownChunk));
    }
}
