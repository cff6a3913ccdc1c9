using System.Globalization;
using System.Text;
using Pace.Common;

namespace Pace.Client;

/// <summary>Builds a query string from the parameters that have a value; enums by their snake_case name.</summary>
internal sealed class QueryString(string path)
{
    private readonly StringBuilder _query = new();

    public QueryString Add(string name, object? value)
    {
        var text = value switch
        {
            null => null,
            Enum e => SnakeCase.Of(e.ToString()),
            bool b => b ? "true" : "false",
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        if (!string.IsNullOrEmpty(text))
        {
            _query.Append(_query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(text));
        }

        return this;
    }

    /// <summary>A list: the name repeated for each value.</summary>
    public QueryString AddEach<T>(string name, IEnumerable<T>? values)
    {
        foreach (var value in values ?? [])
        {
            Add(name, value);
        }

        return this;
    }

    public override string ToString() => path + _query;
}
