namespace Pace.Web.Common;

/// <summary>Reading the fields of a request body into values and named field errors, the same way in every module.</summary>
public static class RequestFields
{
    /// <summary>Trimmed text of at most <paramref name="max"/> characters; null when absent or blank.</summary>
    public static string? Text(string? value, string field, int max, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = value?.Trim();
        if (text is not null && text.Length > max)
        {
            errors[field] = [$"{field} must be at most {max} characters."];
        }

        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>Like <see cref="Text"/>, and required: blank is an error too.</summary>
    public static string? RequiredText(string? value, string field, int max, Dictionary<string, string[]> errors)
    {
        var text = Text(value, field, max, errors);
        if (text is null)
        {
            errors[field] = [$"{field} is required."];
        }

        return text;
    }

    /// <summary>
    /// A record the request names by id, read through the caller's visibility by <paramref name="find"/>: a record
    /// that does not exist and one the caller may not see are the same field error, so ids cannot be probed.
    /// A missing id is an error when <paramref name="required"/>.
    /// </summary>
    public static async Task<T?> ReferencedAsync<T>(
        Guid? id, string field, string what, bool required, Func<Guid, Task<T?>> find, Dictionary<string, string[]> errors)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(errors);
        if (id is not { } value)
        {
            if (required)
            {
                errors[field] = [$"{field} is required."];
            }

            return null;
        }

        var found = await find(value);
        if (found is null)
        {
            errors[field] = [$"There is no {what} {value}."];
        }

        return found;
    }

    /// <summary>An instant as UTC (PostgreSQL <c>timestamptz</c> is written from UTC values only).</summary>
    public static DateTimeOffset? Utc(DateTimeOffset? value) => value?.ToUniversalTime();
}
