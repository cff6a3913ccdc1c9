using Microsoft.AspNetCore.WebUtilities;

namespace Pace.Web.SavedViews;

/// <summary>
/// The list pages a view can be saved for, and the filters each one understands. A view stores only those, in this
/// order, so two ways of writing the same filters are one query string, and a paging cursor never gets saved.
/// </summary>
public static class SavedViewPages
{
    public const string Applicants = "applicants";

    /// <summary>Each page's address, its filters in order, and the values a filter has when absent (dropped too).</summary>
    private static readonly Dictionary<string, (string Path, string[] Filters, Dictionary<string, string> Defaults)> Known = new(StringComparer.Ordinal)
    {
        [Applicants] = ("/applicants", ["q", "stage", "source", "sort"], new(StringComparer.Ordinal) { ["sort"] = "newest" }),
    };

    public static bool IsKnown(string? page) => page is not null && Known.ContainsKey(page);

    /// <summary>The pages <c>page</c> accepts, for an error message.</summary>
    public static string Names => string.Join(", ", Known.Keys);

    /// <summary>The page's known filters of <paramref name="query"/>, trimmed, first value of each, empty and default ones dropped.</summary>
    public static string Normalise(string page, string? query)
    {
        var (_, filters, defaults) = Known[page];
        var parsed = QueryHelpers.ParseQuery(query);
        var kept = filters
            .Select(key => KeyValuePair.Create(key, parsed.TryGetValue(key, out var values)
                ? values.Select(v => v?.Trim()).FirstOrDefault(v => !string.IsNullOrEmpty(v))
                : null))
            .Where(p => p.Value is not null && p.Value != defaults.GetValueOrDefault(p.Key));
        return QueryString.Create(kept).ToUriComponent().TrimStart('?');
    }

    /// <summary>The list's address with a saved query applied.</summary>
    public static string Url(string page, string query) => Known[page].Path + (query.Length == 0 ? "" : "?" + query);
}
