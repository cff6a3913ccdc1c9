using Pace.Media;
using Pace.Testing;

namespace Pace.Core.Tests.Media;

public sealed class ImageRulesTests
{
    [Theory]
    [InlineData(800, 600)]
    [InlineData(600, 800)]
    [InlineData(10_000, 10_000)]
    [InlineData(4032, 3024)]
    public void An_image_within_the_limits_in_either_orientation_is_accepted(int width, int height)
    {
        var check = ImageRules.Check(TestImages.Png(width, height));

        Assert.True(check.Accepted, check.Message);
        Assert.Equal(new ImageHeader(ImageFormat.Png, width, height), check.Image);
    }

    [Theory]
    [InlineData(799, 600)]
    [InlineData(800, 599)]
    [InlineData(599, 800)]
    [InlineData(640, 480)]
    public void An_image_smaller_than_800_by_600_is_refused_naming_its_size(int width, int height)
    {
        var check = ImageRules.Check(TestImages.Jpeg(width, height));

        Assert.Equal(ImageRefusal.TooSmall, check.Refusal);
        Assert.Contains($"{width}×{height}", check.Message, StringComparison.Ordinal);
        Assert.Contains("at least 800×600", check.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10_001, 600)]
    [InlineData(600, 10_001)]
    public void An_image_over_10000_pixels_a_side_is_refused(int width, int height)
    {
        var check = ImageRules.Check(TestImages.WebP(width, height));

        Assert.Equal(ImageRefusal.TooManyPixels, check.Refusal);
        Assert.Contains("at most 10000×10000", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_10_MB_is_refused_before_it_is_read()
    {
        var check = ImageRules.CheckSize(ImageRules.MaxBytes + 1);

        Assert.Equal(ImageRefusal.TooLarge, check?.Refusal);
        Assert.Contains("at most 10 MB", check?.Message, StringComparison.Ordinal);
        Assert.Null(ImageRules.CheckSize(ImageRules.MaxBytes));
        Assert.Equal(ImageRefusal.Empty, ImageRules.CheckSize(0)?.Refusal);
    }

    [Fact]
    public void Content_that_is_not_one_of_the_three_formats_is_refused_whatever_it_is_called()
    {
        var gif = ImageRules.Check("GIF89a\x20\x03\x58\x02 pretend this is a photo"u8);

        Assert.Equal(ImageRefusal.NotAnImage, gif.Refusal);
        Assert.Contains("JPEG, PNG or WebP", gif.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_known_format_with_a_damaged_header_is_unreadable()
    {
        var check = ImageRules.Check(TestImages.Png(800, 600).AsSpan(0, 24));

        Assert.Equal(ImageRefusal.Unreadable, check.Refusal);
        Assert.Contains("starts like a PNG", check.Message, StringComparison.Ordinal);
    }
}
