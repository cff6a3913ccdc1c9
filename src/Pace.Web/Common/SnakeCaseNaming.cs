using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Pace.Common;

namespace Pace.Web.Common;

/// <summary>The names the database stores (<see cref="SnakeCase.Of(string)"/>), so an enum reads the same in SQL and JSON.</summary>
public sealed class SnakeCaseNaming : JsonNamingPolicy
{
    public static readonly SnakeCaseNaming Instance = new();

    public override string ConvertName(string name) => SnakeCase.Of(name);

    /// <summary>The snake_case name of an enum value: <c>PropertyFinder</c> → <c>property_finder</c>.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => SnakeCase.Of(value);

    /// <summary>Reads an enum from its snake_case name, as the API writes it (query strings do not go through JSON).</summary>
    public static bool TryParse<T>([NotNullWhen(true)] string? value, out T result)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Name(candidate), value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                result = candidate;
                return true;
            }
        }

        result = default;
        return false;
    }

    /// <summary>The message for a value that is none of <typeparamref name="T"/>'s names.</summary>
    public static string OneOf<T>(string field)
        where T : struct, Enum => OneOf(field, Enum.GetValues<T>());

    /// <summary>"<paramref name="field"/> must be one of: a, b, c." for the values a field accepts.</summary>
    public static string OneOf<T>(string field, IEnumerable<T> values)
        where T : struct, Enum => $"{field} must be one of: {string.Join(", ", values.Select(v => Name(v)))}.";

    /// <summary>
    /// Parses an optional enum query parameter into <paramref name="result"/>; records an error naming the allowed
    /// values when it is present but unknown.
    /// </summary>
    public static void Parse<T>(string? value, string field, Dictionary<string, string[]> errors, out T? result)
        where T : struct, Enum
    {
        result = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (TryParse<T>(value, out var parsed))
        {
            result = parsed;
        }
        else
        {
            errors[field] = [OneOf<T>(field)];
        }
    }
}
