using System.Globalization;

namespace Pace.Media;

/// <summary>Why an uploaded image is refused.</summary>
public enum ImageRefusal
{
    Empty,
    TooLarge,
    NotAnImage,
    Unreadable,
    TooSmall,
    TooManyPixels,
}

/// <summary>The verdict on an uploaded image: its header when accepted, else the refusal and a message naming the limit.</summary>
public sealed record ImageCheck(ImageHeader? Image, ImageRefusal? Refusal, string? Message)
{
    public bool Accepted => Image is not null;
}

/// <summary>
/// What an uploaded listing image must be, judged by its content: JPEG, PNG or WebP (magic bytes and header, see
/// <see cref="ImageHeaderReader"/>), at most <see cref="MaxBytes"/>, at least <see cref="MinLongSide"/>×<see cref="MinShortSide"/>
/// pixels (in either orientation: an upright photo or floor plan is the same size turned) and at most
/// <see cref="MaxSide"/> pixels a side. The portals ask for at least 800×600; the upper bounds keep a phone's photo in and a
/// poster-sized scan out.
/// </summary>
public static class ImageRules
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public const int MinLongSide = 800;

    public const int MinShortSide = 600;

    public const int MaxSide = 10_000;

    /// <summary>The refusal of a file of <paramref name="length"/> bytes before it is read (too big, empty); null when its size is fine.</summary>
    public static ImageCheck? CheckSize(long length) => length switch
    {
        0 => Refuse(ImageRefusal.Empty, "file is empty: send a JPEG, PNG or WebP image."),
        > MaxBytes => Refuse(ImageRefusal.TooLarge,
            $"file is {Megabytes(length)}; an image may be at most {Megabytes(MaxBytes)}. Export it at a lower quality or size."),
        _ => null,
    };

    public static ImageCheck Check(ReadOnlySpan<byte> content)
    {
        if (CheckSize(content.Length) is { } refused)
        {
            return refused;
        }

        if (ImageHeaderReader.Detect(content) is not { } format)
        {
            return Refuse(ImageRefusal.NotAnImage,
                "file is not a JPEG, PNG or WebP image (judged by its content, not by its name or declared type).");
        }

        if (ImageHeaderReader.Read(content) is not { } image)
        {
            return Refuse(ImageRefusal.Unreadable, $"file starts like a {Name(format)} image but its header cannot be read: it is damaged or cut short.");
        }

        var (longSide, shortSide) = (Math.Max(image.Width, image.Height), Math.Min(image.Width, image.Height));
        if (longSide < MinLongSide || shortSide < MinShortSide)
        {
            return Refuse(ImageRefusal.TooSmall,
                $"file is {image.Width}×{image.Height} pixels; an image must be at least {MinLongSide}×{MinShortSide} ({MinShortSide}×{MinLongSide} upright).");
        }

        if (longSide > MaxSide)
        {
            return Refuse(ImageRefusal.TooManyPixels, $"file is {image.Width}×{image.Height} pixels; an image may be at most {MaxSide}×{MaxSide}.");
        }

        return new ImageCheck(image, null, null);
    }

    public static string Name(ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "JPEG",
        ImageFormat.Png => "PNG",
        ImageFormat.WebP => "WebP",
        _ => format.ToString(),
    };

    private static ImageCheck Refuse(ImageRefusal refusal, string message) => new(null, refusal, message);

    private static string Megabytes(long bytes) =>
        bytes % (1024 * 1024) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB");
}
