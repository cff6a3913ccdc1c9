using Pace.Common;

namespace Pace.Web.Common;

/// <summary>Enum values as they travel in JSON and query strings: the database's snake_case names (<c>no_show</c>).</summary>
public static class WireNames
{
    public static bool TryParse<TEnum>(string? value, out TEnum result)
        where TEnum : struct, Enum
    {
        var name = value?.Trim();
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(SnakeCase.Of(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                result = candidate;
                return true;
            }
        }

        result = default;
        return false;
    }

    /// <summary>"<paramref name="field"/> must be one of: a, b, c." for the given values.</summary>
    public static string OneOf<TEnum>(string field, IEnumerable<TEnum> values)
        where TEnum : struct, Enum =>
        $"{field} must be one of: {string.Join(", ", values.Select(v => SnakeCase.Of(v)))}.";
}
