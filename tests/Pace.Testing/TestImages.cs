using System.Buffers.Binary;
using Pace.Media;

namespace Pace.Testing;

/// <summary>
/// Small real images made in code, for the upload tests. The PNG, the JPEG and the lossless WebP are complete files
/// that an image viewer opens (a grey gradient, a flat grey, black), yet they stay a few kilobytes at 800×600 because
/// their content compresses to almost nothing. <see cref="LossyWebPHeader"/> is a header only: PACE reads headers and
/// does not decode pixels, so a correct header with its size is what its checks see.
/// </summary>
public static class TestImages
{
    /// <summary>An 8-bit RGB PNG: signature, IHDR, one zlib IDAT of rows shaded by their number, IEND, with their CRCs.</summary>
    public static byte[] Png(int width, int height) => Png(width, height, (_, y) => ((byte)(y % 256), (byte)(y % 256), (byte)(y % 256)));

    /// <summary>An 8-bit RGB PNG of the colour <paramref name="pixel"/> gives each (x, y): a picture painted in code.</summary>
    public static byte[] Png(int width, int height, Func<int, int, (byte R, byte G, byte B)> pixel) => PngEncoder.Encode(width, height, pixel);

    /// <summary>
    /// A baseline greyscale JPEG, flat mid-grey: JFIF APP0, a quantisation table, the frame header (SOF0, or SOF2 when
    /// <paramref name="progressive"/> for the header tests only), one-code Huffman tables, and a scan in which every
    /// 8×8 block is "DC unchanged, end of block" (two bits).
    /// </summary>
    public static byte[] Jpeg(int width, int height, bool progressive = false)
    {
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        JpegSegment(jpeg, 0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        JpegSegment(jpeg, 0xDB, [0x00, .. Enumerable.Repeat((byte)1, 64)]);
        var frame = new byte[9];
        frame[0] = 8; // sample precision
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(1), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(3), (ushort)width);
        frame[5] = 1; // one component: id 1, sampling 1×1, quantisation table 0
        frame[6] = 1;
        frame[7] = 0x11;
        frame[8] = 0;
        JpegSegment(jpeg, progressive ? (byte)0xC2 : (byte)0xC0, frame);
        // DC table 0 and AC table 0, each one code of length 1 ("0"): DC category 0, AC end of block.
        byte[] oneCode = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00];
        JpegSegment(jpeg, 0xC4, [0x00, .. oneCode, 0x10, .. oneCode]);
        JpegSegment(jpeg, 0xDA, [1, 1, 0x00, 0, 63, 0]);
        var bits = 2L * ((width + 7) / 8) * ((height + 7) / 8);
        var scan = new byte[(bits + 7) / 8];
        if (bits % 8 != 0)
        {
            scan[^1] = (byte)(0xFF >> (int)(bits % 8)); // padded with 1-bits, as the standard says
        }

        jpeg.Write(scan);
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    /// <summary>
    /// A lossless WebP (VP8L), black: the header with its size, no transforms, no colour cache, and five one-symbol
    /// prefix codes, so every pixel takes no bits. With <paramref name="extended"/> it is wrapped in a VP8X canvas.
    /// </summary>
    public static byte[] WebP(int width, int height, bool extended = false)
    {
        var image = new byte[9];
        image[0] = 0x2F;
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(1), (uint)(width - 1) | ((uint)(height - 1) << 14));
        // Bits from the least significant: transform 0, colour cache 0, meta codes 0; then green, red, blue: simple
        // code (1), one symbol (0), 1-bit symbol (0), symbol 0; alpha: simple, one symbol, 8-bit symbol, 255;
        // distance: like green.
        ulong stream = 0;
        var at = 3;
        foreach (var (value, count) in new (ulong, int)[] { (0b0001, 4), (0b0001, 4), (0b0001, 4), (0b11111111_1_0_1, 11), (0b0001, 4) })
        {
            stream |= value << at;
            at += count;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(5), (uint)stream);
        var chunks = new MemoryStream();
        if (extended)
        {
            var canvas = new byte[10];
            WriteUInt24LittleEndian(canvas.AsSpan(4), width - 1);
            WriteUInt24LittleEndian(canvas.AsSpan(7), height - 1);
            RiffChunk(chunks, "VP8X", canvas);
        }

        RiffChunk(chunks, "VP8L", image);
        return Riff(chunks.ToArray());
    }

    /// <summary>
    /// A lossy WebP's container and VP8 key-frame header with the size; the compressed frame after it is not real. For
    /// the header reader's tests.
    /// </summary>
    public static byte[] LossyWebPHeader(int width, int height)
    {
        var frame = new byte[30];
        frame[3] = 0x9D;
        frame[4] = 0x01;
        frame[5] = 0x2A;
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(frame.AsSpan(8), (ushort)height);
        var chunks = new MemoryStream();
        RiffChunk(chunks, "VP8 ", frame);
        return Riff(chunks.ToArray());
    }

    private static void JpegSegment(Stream jpeg, byte marker, byte[] data)
    {
        jpeg.Write([0xFF, marker, (byte)((data.Length + 2) >> 8), (byte)(data.Length + 2)]);
        jpeg.Write(data);
    }

    private static void RiffChunk(Stream riff, string fourCc, byte[] data)
    {
        riff.Write(System.Text.Encoding.ASCII.GetBytes(fourCc));
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)data.Length);
        riff.Write(size);
        riff.Write(data);
        if (data.Length % 2 == 1)
        {
            riff.WriteByte(0);
        }
    }

    private static byte[] Riff(byte[] chunks)
    {
        var file = new byte[12 + chunks.Length];
        "RIFF"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)(4 + chunks.Length));
        "WEBP"u8.CopyTo(file.AsSpan(8));
        chunks.CopyTo(file, 12);
        return file;
    }

    private static void WriteUInt24LittleEndian(Span<byte> target, int value)
    {
        target[0] = (byte)value;
        target[1] = (byte)(value >> 8);
        target[2] = (byte)(value >> 16);
    }
}
