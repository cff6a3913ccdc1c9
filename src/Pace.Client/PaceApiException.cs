using System.Net;
using System.Text.Json;

namespace Pace.Client;

/// <summary>A refusal of the API, carrying its ProblemDetails: the status, the title, the detail and any field errors.</summary>
public sealed class PaceApiException : Exception
{
    public PaceApiException(HttpStatusCode status, string? title, string? detail, IReadOnlyDictionary<string, string[]> errors)
        : base($"{(int)status} {title}: {detail}{(errors.Count > 0 ? " (" + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")) + ")" : "")}")
    {
        Status = status;
        Title = title;
        Detail = detail;
        Errors = errors;
    }

    public PaceApiException()
        : this(HttpStatusCode.InternalServerError, null, null, new Dictionary<string, string[]>())
    {
    }

    public PaceApiException(string message)
        : base(message) => Errors = new Dictionary<string, string[]>();

    public PaceApiException(string message, Exception innerException)
        : base(message, innerException) => Errors = new Dictionary<string, string[]>();

    public HttpStatusCode Status { get; }

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary>Messages by field (<c>firstName</c>, <c>phones[0].number</c>); empty when the refusal is not about fields.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    internal static async Task<PaceApiException> FromAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? title = null, detail = null;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            title = root.TryGetProperty("title", out var t) ? t.GetString() : null;
            detail = root.TryGetProperty("detail", out var d) ? d.GetString() : null;
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in e.EnumerateObject())
                {
                    errors[field.Name] = [.. field.Value.EnumerateArray().Select(m => m.GetString() ?? "")];
                }
            }
        }
        catch (JsonException)
        {
            // Not a ProblemDetails (a proxy's page): the status and the start of the body say what happened.
            detail = text.Length > 200 ? text[..200] : text;
        }

        return new PaceApiException(response.StatusCode, title ?? response.ReasonPhrase, detail, errors);
    }
}
