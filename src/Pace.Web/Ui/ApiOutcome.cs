using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Pace.Web.Ui;

/// <summary>
/// How a page runs a command: it calls the API module's own handler (<c>ApplicantsApi.CreateAsync</c>…) in-process,
/// with the page's <see cref="HttpContext"/>, and reads the typed result back. One piece of code validates, checks
/// visibility, audits and saves, for the REST API and for the UI alike; the page never calls pace-web over HTTP and
/// never holds a second copy of a query or a rule. Reads call the shared query classes (<c>ApplicantSearch</c>,
/// <c>ListingSearch</c>, <c>ApplicantReads</c>…) directly.
/// </summary>
public sealed class ApiOutcome<T>
{
    internal ApiOutcome(T? value, IReadOnlyDictionary<string, string[]> errors, ProblemDetails? problem)
    {
        Value = value;
        Errors = errors;
        Problem = problem;
    }

    /// <summary>What the handler answered with on success (the body of its 200 or 201).</summary>
    public T? Value { get; }

    /// <summary>Field errors keyed by the API's camelCase field names (<c>firstName</c>, <c>requirements[0].budgetMax</c>).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>The ProblemDetails of a refusal that is not about a field (404, 409, 422…).</summary>
    public ProblemDetails? Problem { get; }

    public bool Succeeded => Errors.Count == 0 && Problem is null;

    /// <summary>Whether the handler found nothing the caller may see: the page answers 404 too.</summary>
    public bool IsNotFound => Problem?.Status == StatusCodes.Status404NotFound;

    /// <summary>The status a page shows a refusal with: the problem's (409, 422…), or 400 for field errors.</summary>
    public int RefusalStatus => Problem?.Status ?? StatusCodes.Status400BadRequest;

    /// <summary>The same outcome with its field errors renamed or added (a form's field that the API does not have).</summary>
    public ApiOutcome<T> WithErrors(IReadOnlyDictionary<string, string[]> errors) => new(Value, errors, Problem);

    /// <summary>One sentence for an alert: the problem's detail, or a summary of the field errors.</summary>
    public string Message => Problem is { } p
        ? p.Detail ?? p.Title ?? "That did not work."
        : Errors.Count > 0 ? "Please correct the highlighted fields." : "";
}

/// <summary>Reads a handler's typed result back (<see cref="ApiOutcome{T}"/>).</summary>
public static class ApiOutcome
{
    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();

    /// <summary>A field error the page finds before it can call the handler (a listing reference that names nothing).</summary>
    public static ApiOutcome<T> Invalid<T>(string field, string message) =>
        new(default, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] }, null);

    public static ApiOutcome<T> From<T>(IResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        return inner switch
        {
            IValueHttpResult<T> ok => new ApiOutcome<T>(ok.Value, Empty, null),
            ValidationProblem invalid => new ApiOutcome<T>(default, new Dictionary<string, string[]>(invalid.ProblemDetails.Errors, StringComparer.Ordinal), null),
            ProblemHttpResult problem => new ApiOutcome<T>(default, Empty, problem.ProblemDetails),
            NoContent => new ApiOutcome<T>(default, Empty, null),
            _ => throw new InvalidOperationException($"A page cannot read a {inner.GetType().Name} as {typeof(T).Name}."),
        };
    }
}

/// <summary>Field errors as a form shows them: the first message of a field, and whether it has one.</summary>
public sealed class FormErrors(IReadOnlyDictionary<string, string[]>? errors = null)
{
    private readonly IReadOnlyDictionary<string, string[]> _errors = errors ?? new Dictionary<string, string[]>();

    public bool Any => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public string? For(string field) => _errors.TryGetValue(field, out var messages) ? messages.FirstOrDefault() : null;

    /// <summary>The message under a field, whose id its input names in <c>aria-describedby</c>; nothing when it has none.</summary>
    public IHtmlContent Message(string field, string inputId) => For(field) is { } message
        ? new HtmlString($"<p class=\"field-error\" id=\"{HtmlEncoder.Default.Encode(inputId)}-error\">{HtmlEncoder.Default.Encode(message)}</p>")
        : HtmlString.Empty;

    /// <summary>The <c>aria-invalid</c> value of a field's input.</summary>
    public string Invalid(string field) => Has(field) ? "true" : "false";

    /// <summary>Every message, with its field, for the summary at the top of a form.</summary>
    public IEnumerable<(string Field, string Message)> All => _errors.SelectMany(e => e.Value.Select(m => (e.Key, m)));
}
