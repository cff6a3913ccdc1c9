using System.Buffers.Binary;

namespace Pace.Media;

/// <summary>
/// Reads the format and the size in pixels of a JPEG, PNG or WebP image from the bytes themselves (magic bytes, then
/// the format's own header), never from a file name or a declared content type. Only headers are read: the pixels are
/// not decoded, so a file whose header is sound but whose image data is damaged passes. No image library resolves on
/// these machines (reference/nuget-availability.md), and the three headers are small and fully specified.
/// </summary>
public static class ImageHeaderReader
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> JpegStart => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> Riff => "RIFF"u8;

    private static ReadOnlySpan<byte> WebPTag => "WEBP"u8;

    /// <summary>The format the magic bytes announce; null when they are none of the three.</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(JpegStart))
        {
            return ImageFormat.Jpeg;
        }

        if (data.StartsWith(PngSignature))
        {
            return ImageFormat.Png;
        }

        return data.Length >= 12 && data.StartsWith(Riff) && data[8..12].SequenceEqual(WebPTag) ? ImageFormat.WebP : null;
    }

    /// <summary>The format and size; null when the bytes are not one of the three formats or their header is damaged or cut short.</summary>
    public static ImageHeader? Read(ReadOnlySpan<byte> data) => Detect(data) switch
    {
        ImageFormat.Jpeg => Jpeg(data),
        ImageFormat.Png => Png(data),
        ImageFormat.WebP => WebP(data),
        _ => null,
    };

    /// <summary>
    /// The first frame header (SOF0–SOF15, not DHT/JPG/DAC) found by walking the marker segments from the start; a scan
    /// or the end of the image before it means there is none.
    /// </summary>
    private static ImageHeader? Jpeg(ReadOnlySpan<byte> data)
    {
        var position = 2;
        while (position < data.Length)
        {
            if (data[position] != 0xFF)
            {
                return null;
            }

            // Any number of 0xFF fill bytes may precede a marker.
            while (position < data.Length && data[position] == 0xFF)
            {
                position++;
            }

            if (position >= data.Length)
            {
                return null;
            }

            var marker = data[position++];
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // TEM and RSTn stand alone, without a length.
            }

            if (marker is 0xD9 or 0xDA || position + 2 > data.Length)
            {
                return null; // The end of the image or the first scan, before any frame header.
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2)
            {
                return null;
            }

            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                // Length, sample precision, number of lines, samples per line.
                if (length < 8 || position + 7 > data.Length)
                {
                    return null;
                }

                int height = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 3)..]);
                int width = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 5)..]);
                // A height of 0 defers it to a DNL marker after the first scan: too rare in photos to chase.
                return width > 0 && height > 0 ? new ImageHeader(ImageFormat.Jpeg, width, height) : null;
            }

            position += length;
        }

        return null;
    }

    /// <summary>The IHDR chunk, which must come first: width, height, and a bit depth and colour type that go together.</summary>
    private static ImageHeader? Png(ReadOnlySpan<byte> data)
    {
        // Signature (8), IHDR length (4) and type (4), its 13 bytes of data, its CRC (4).
        if (data.Length < 33 || BinaryPrimitives.ReadUInt32BigEndian(data[8..]) != 13 || !data[12..16].SequenceEqual("IHDR"u8))
        {
            return null;
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(data[16..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(data[20..]);
        var (depth, colour, compression, filter, interlace) = (data[24], data[25], data[26], data[27], data[28]);
        var depthFits = colour switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        return width is > 0 and <= int.MaxValue && height is > 0 and <= int.MaxValue && depthFits && compression == 0 && filter == 0 && interlace <= 1
            ? new ImageHeader(ImageFormat.Png, (int)width, (int)height)
            : null;
    }

    /// <summary>The RIFF container (whose size must fit the bytes received) and its first chunk: VP8 (lossy), VP8L (lossless) or VP8X (extended).</summary>
    private static ImageHeader? WebP(ReadOnlySpan<byte> data)
    {
        if (data.Length < 20 || BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) is var riffSize && (riffSize < 12 || riffSize + 8L > data.Length))
        {
            return null;
        }

        var chunk = data[12..16];
        var size = BinaryPrimitives.ReadUInt32LittleEndian(data[16..]);
        var payload = data[20..];
        if (size > payload.Length)
        {
            return null;
        }

        payload = payload[..(int)size];
        int width, height;
        if (chunk.SequenceEqual("VP8 "u8))
        {
            // A key frame (bit 0 of the frame tag clear), the start code, then 14-bit width and height.
            if (payload.Length < 10 || (payload[0] & 1) != 0 || payload[3] != 0x9D || payload[4] != 0x01 || payload[5] != 0x2A)
            {
                return null;
            }

            width = BinaryPrimitives.ReadUInt16LittleEndian(payload[6..]) & 0x3FFF;
            height = BinaryPrimitives.ReadUInt16LittleEndian(payload[8..]) & 0x3FFF;
        }
        else if (chunk.SequenceEqual("VP8L"u8))
        {
            // The signature byte, then width - 1 and height - 1 in 14 bits each, alpha hint, 3-bit version 0.
            if (payload.Length < 5 || payload[0] != 0x2F)
            {
                return null;
            }

            var bits = BinaryPrimitives.ReadUInt32LittleEndian(payload[1..]);
            if (bits >> 29 != 0)
            {
                return null;
            }

            width = (int)(bits & 0x3FFF) + 1;
            height = (int)((bits >> 14) & 0x3FFF) + 1;
        }
        else if (chunk.SequenceEqual("VP8X"u8))
        {
            // Flags (1), reserved (3), canvas width - 1 and height - 1 in 24 bits each.
            if (payload.Length < 10)
            {
                return null;
            }

            width = ReadUInt24LittleEndian(payload[4..]) + 1;
            height = ReadUInt24LittleEndian(payload[7..]) + 1;
        }
        else
        {
            return null;
        }

        return width > 0 && height > 0 ? new ImageHeader(ImageFormat.WebP, width, height) : null;
    }

    private static int ReadUInt24LittleEndian(ReadOnlySpan<byte> data) => data[0] | (data[1] << 8) | (data[2] << 16);
}
