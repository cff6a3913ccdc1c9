namespace Pace.Web.Common;

/// <summary>The <c>limit</c> and <c>cursor</c> of a keyset-paginated list, read and checked the same way everywhere.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 200;

    /// <summary>The page size asked for (default 50), with a field error when outside 1..200.</summary>
    public static int Limit(int? limit, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        return size;
    }

    /// <summary>The position a cursor holds, null for the first page, with a field error for a cursor this API did not hand out.</summary>
    public static T? After<T>(string? cursor, Dictionary<string, string[]> errors)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (cursor is null)
        {
            return null;
        }

        var position = KeysetCursor.Decode<T>(cursor);
        if (position is null)
        {
            errors["cursor"] = ["cursor is not one this API returned."];
        }

        return position;
    }

    /// <summary>
    /// The page of a query that fetched one row more than <paramref name="size"/>, and the cursor to the next page
    /// (null on the last one), made from the page's last row.
    /// </summary>
    public static (List<T> Items, string? Next) Page<T, TPosition>(List<T> rows, int size, Func<T, TPosition> position)
        where TPosition : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(position);
        var items = rows.Take(size).ToList();
        return (items, rows.Count > size ? KeysetCursor.Encode(position(items[^1])) : null);
    }
}
