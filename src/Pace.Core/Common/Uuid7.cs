using System.Buffers.Binary;

namespace Pace.Common;

/// <summary>RFC 9562 version-7 UUIDs: 48-bit Unix milliseconds, then random bits.</summary>
public static class Uuid7
{
    public static Guid NewGuid() => Guid.CreateVersion7();

    public static Guid NewGuid(DateTimeOffset timestamp) => Guid.CreateVersion7(timestamp);

    /// <summary>A version-7 UUID whose random part comes from <paramref name="random"/>: the same seed gives the same ids.</summary>
    public static Guid FromRandom(Random random, DateTimeOffset timestamp)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var millis = (ulong)timestamp.ToUnixTimeMilliseconds();
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(time, millis << 16);
        time[..6].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
