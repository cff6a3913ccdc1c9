using Microsoft.AspNetCore.Http.HttpResults;

namespace Pace.Web.Common;

/// <summary>
/// The ProblemDetails every API module answers with, so a missing record, a conflict or a field error reads the
/// same everywhere. A record outside the caller's visibility is answered with <see cref="NotFound"/> too.
/// </summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string what, Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no {what} {id}.");

    public static ProblemHttpResult Conflict(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail, extensions: extensions);

    /// <summary>
    /// The caller sees the record but this action on it is someone else's (the listing's side accepts an offer):
    /// 403 with who may do it.
    /// </summary>
    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yours to do", detail: detail);

    /// <summary>A rule of the business refused the change (a permit missing, a double booking): 422 with the reason.</summary>
    public static ProblemHttpResult Refused(string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: title, detail: detail, extensions: extensions);

    /// <summary>Field errors, keyed by the camelCase JSON name of the field (or the query parameter).</summary>
    public static Dictionary<string, string[]> Errors() => new(StringComparer.Ordinal);

    /// <summary>A user's text as a literal inside an ILIKE pattern (escape character <c>\</c>).</summary>
    public static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

/// <summary>Endpoint metadata for the OpenAPI document.</summary>
public static class ApiProblemMetadata
{
    /// <summary>
    /// Documents the ProblemDetails statuses an endpoint answers through <see cref="ApiProblems"/> and
    /// <see cref="EntityTags"/> (a <c>ProblemHttpResult</c> does not say its status). 400, 401, 403 for roles and 415
    /// are added to every endpoint they apply to by the document itself.
    /// </summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
