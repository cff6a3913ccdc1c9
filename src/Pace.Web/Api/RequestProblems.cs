using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;

namespace Pace.Web.Api;

/// <summary>
/// A request the endpoint could not even bind (malformed JSON, a value of the wrong type, a number out of the field's
/// range, an unknown enum name, a missing body, a query value that does not parse, a body that is not JSON) answered
/// as ProblemDetails naming the field, instead of the framework's bare 400. Endpoints throw on such requests
/// (<c>ThrowOnBadRequest</c>) so this one handler words them all.
/// </summary>
public sealed partial class RequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>Field key for a problem with the body as a whole (not JSON, empty, or not an object).</summary>
    public const string BodyField = "body";

    internal static void Register(IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<RequestProblems>();
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new StoredTextConverter()));
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var (field, message) = Describe(bad);
        var status = bad.StatusCode;
        httpContext.Response.StatusCode = status;
        var details = status == StatusCodes.Status400BadRequest
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] })
            : new Microsoft.AspNetCore.Mvc.ProblemDetails { Detail = message };
        details.Status = status;
        details.Title = status switch
        {
            StatusCodes.Status400BadRequest => "One or more validation errors occurred.",
            StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
            StatusCodes.Status413PayloadTooLarge => "Request too large",
            _ => "Bad request",
        };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The field a binding failure is about (the JSON path of the value, or the query parameter) and what is wrong.</summary>
    internal static (string Field, string Message) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            var why = json.InnerException is InvalidTextException text ? text.Message
                : field == BodyField ? "The body is not valid JSON of the expected shape."
                : $"{field} has a value of the wrong type or out of range (or unknown for an enum), or the JSON around it is malformed.";
            return (field, why);
        }

        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return (BodyField, "Send the body as application/json.");
        }

        var parameter = ParameterPattern().Match(bad.Message);
        if (parameter.Success)
        {
            var name = parameter.Groups["name"].Value;
            return bad.Message.StartsWith("Required", StringComparison.Ordinal) && bad.Message.Contains("from body", StringComparison.Ordinal)
                ? (BodyField, "A JSON body is required.")
                : (name, $"{name} is not a valid value.");
        }

        return (BodyField, bad.Message);
    }

    /// <summary><c>$.requirements[0].bedroomsMin</c> → <c>requirements[0].bedroomsMin</c>, the key style of every field error.</summary>
    internal static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return BodyField;
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        // STJ writes names it must quote as ['name']: keep them readable.
        return QuotedName().Replace(field, m => "." + m.Groups[1].Value).TrimStart('.');
    }

    [GeneratedRegex("^(?:Failed to bind parameter|Required parameter) \"[^\"]*? (?<name>[^\" ]+)\"")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"\['([^']*)'\]")]
    private static partial Regex QuotedName();

    /// <summary>Text PostgreSQL cannot store (NUL) or UTF-8 cannot encode (a lone surrogate), refused while reading the JSON.</summary>
    private sealed class InvalidTextException(string message) : Exception(message);

    /// <summary>
    /// Reads every JSON string of a request and refuses the two kinds of text that would otherwise fail only when the
    /// database writes them (a 500): the NUL character and unpaired UTF-16 surrogates.
    /// </summary>
    private sealed class StoredTextConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException();
            }

            var value = reader.GetString()!;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '\0')
                {
                    throw new JsonException(null, new InvalidTextException("Text must not contain the NUL character."));
                }

                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                }
                else if (char.IsSurrogate(c))
                {
                    throw new JsonException(null, new InvalidTextException("Text must be valid Unicode (an unpaired surrogate was sent)."));
                }
            }

            return value;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }
}
