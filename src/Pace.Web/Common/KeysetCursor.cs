using System.Buffers.Text;
using System.Text.Json;

namespace Pace.Web.Common;

/// <summary>
/// The position after the last row of a keyset page (the sort key and the id), handed to clients as an opaque
/// base64url token and read back from the next request.
/// </summary>
public static class KeysetCursor
{
    private const int MaxLength = 1000;

    public static string Encode<T>(T position)
        where T : class =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(position));

    /// <summary>The position, or null when <paramref name="value"/> is not a cursor this API handed out.</summary>
    public static T? Decode<T>(string value)
        where T : class
    {
        if (value.Length > MaxLength)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(Base64Url.DecodeFromChars(value));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }
}
