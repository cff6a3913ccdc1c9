using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Pace.Web.Common;

/// <summary>
/// Optimistic concurrency over HTTP: the ETag is the row's <c>xmin</c> version; a change must send it back in
/// <c>If-Match</c>, so an admin editing from a stale screen does not silently overwrite someone else's change.
/// </summary>
internal static class EntityTags
{
    public enum Precondition
    {
        Met,
        Missing,
        Failed,
    }

    public static string For(uint version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    public static void Set(HttpResponse response, uint version) => response.Headers.ETag = For(version);

    public static Precondition Check(HttpRequest request, uint version)
    {
        var values = request.Headers.IfMatch;
        if (values.Count == 0 || values.All(string.IsNullOrWhiteSpace))
        {
            return Precondition.Missing;
        }

        if (!EntityTagHeaderValue.TryParseList(values, out var tags))
        {
            return Precondition.Failed;
        }

        var current = new EntityTagHeaderValue(For(version));
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: true))
            ? Precondition.Met
            : Precondition.Failed;
    }

    public static ProblemHttpResult Result(Precondition precondition) => precondition == Precondition.Missing
        ? TypedResults.Problem(
            statusCode: StatusCodes.Status428PreconditionRequired,
            title: "If-Match required",
            detail: "Send the ETag of the record you edited in If-Match, so a change made meanwhile is not overwritten.")
        : TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The record has changed",
            detail: "Someone changed this record since you read it. Read it again and reapply your change.");
}
