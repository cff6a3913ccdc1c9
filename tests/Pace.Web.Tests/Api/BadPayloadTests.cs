using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Pace.Web.Tests.Api;

/// <summary>
/// Every create and update endpoint of the OpenAPI document, sent bad payloads generated from its request schema field
/// by field: a value of the wrong type, an unknown enum name, a malformed uuid or date, a number beyond its type, text
/// PostgreSQL cannot store, an oversized string, extreme dates and numbers; and per endpoint malformed JSON, a body
/// that is not an object, no body, and another content type. Nothing may answer 5xx; every answer is ProblemDetails;
/// a value the endpoint cannot even read is a 400 whose <c>errors</c> names that field.
/// </summary>
public sealed class BadPayloadTests
{
    private const string ProblemJson = "application/problem+json";

    private enum Expect
    {
        /// <summary>400, and <c>errors</c> names the field.</summary>
        FieldError,

        /// <summary>Refused (4xx); a 400 names the field.</summary>
        Refused,

        /// <summary>Anything but a 5xx (an extreme value may be fine); a 4xx is ProblemDetails.</summary>
        NoServerError,
    }

    private sealed record Attempt(string Field, string Label, JsonNode? Value, Expect Expect);

    [Fact]
    public async Task No_generated_bad_payload_makes_the_api_fail_and_every_refusal_names_its_field()
    {
        await using var world = await ApiWorld.StartAsync();
        var crm = world.Crm;
        var document = await OpenApiSpec.LoadAsync(crm.Host.Http, crm.Admin.Token);
        var failures = new List<string>();
        var sent = 0;
        var texts = 0;
        foreach (var (path, item) in document.Paths.Where(p => p.Key.StartsWith("/api/v1/", StringComparison.Ordinal)))
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                if (OpenApiSpec.RequestSchema(operation) is not { } schema)
                {
                    continue;
                }

                var endpoint = $"{method.Method} {path}";
                foreach (var (label, body, contentType) in WholeBodies())
                {
                    sent++;
                    var answer = await SendAsync(world, method, path, body, contentType);
                    // An optional body (a withdrawal's reason) may be left out: JSON null or nothing is then no body.
                    var optional = operation.RequestBody?.Required != true && body is "null" or "" && contentType == "application/json";
                    Judge(failures, $"{endpoint} {label}", answer, optional ? Expect.NoServerError : null, field: null);
                    if (contentType != "application/json" && answer.Status != HttpStatusCode.UnsupportedMediaType)
                    {
                        failures.Add($"{endpoint} {label}: {(int)answer.Status}, expected 415");
                    }
                }

                foreach (var attempt in Attempts(schema))
                {
                    sent++;
                    texts += attempt.Label == "with a NUL character" ? 1 : 0;
                    var body = Place(attempt.Field, attempt.Value);
                    var answer = await SendAsync(world, method, path, body.ToJsonString(), "application/json");
                    Judge(failures, $"{endpoint} {attempt.Field} {attempt.Label}", answer, attempt.Expect, attempt.Field);
                }
            }
        }

        Assert.True(sent > 500, $"only {sent} payloads were generated: the document describes too few bodies");
        Assert.True(texts > 50, $"only {texts} text fields were found: the document does not type its strings");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} bad payloads were mishandled:\n" + string.Join("\n", failures));
    }

    private static IEnumerable<(string Label, string Body, string ContentType)> WholeBodies() =>
    [
        ("malformed JSON", "{\"a\": ", "application/json"),
        ("a JSON array", "[]", "application/json"),
        ("JSON null", "null", "application/json"),
        ("an empty body", "", "application/json"),
        ("a text body", "hello", "text/plain"),
        ("a form body", "a=1", "application/x-www-form-urlencoded"),
    ];

    /// <summary>The bad values for each field of <paramref name="schema"/> (and of the objects in its arrays and objects, one level down).</summary>
    private static IEnumerable<Attempt> Attempts(IOpenApiSchema schema, string prefix = "", int depth = 0)
    {
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            var field = prefix + name;
            var type = TypeOf(property);
            foreach (var attempt in ForType(field, property, type))
            {
                yield return attempt;
            }

            if (depth == 0 && type.HasFlag(JsonSchemaType.Array) && property.Items is { } items && TypeOf(items).HasFlag(JsonSchemaType.Object))
            {
                foreach (var nested in Attempts(items, field + "[0].", depth + 1))
                {
                    yield return nested;
                }
            }
            else if (depth == 0 && type.HasFlag(JsonSchemaType.Array) && property.Items is { } scalars)
            {
                foreach (var element in ForType(field + "[0]", scalars, TypeOf(scalars)))
                {
                    yield return element;
                }
            }
        }
    }

    private static IEnumerable<Attempt> ForType(string field, IOpenApiSchema schema, JsonSchemaType type)
    {
        if (type.HasFlag(JsonSchemaType.Array))
        {
            yield return new(field, "as a string", "not-a-list", Expect.FieldError);
            yield return new(field, "as an object", new JsonObject(), Expect.FieldError);
            yield break;
        }

        if (type.HasFlag(JsonSchemaType.Object))
        {
            yield return new(field, "as a number", 42, Expect.FieldError);
            yield break;
        }

        if (type.HasFlag(JsonSchemaType.Boolean))
        {
            yield return new(field, "as a string", "yes", Expect.FieldError);
            yield return new(field, "as an object", new JsonObject(), Expect.FieldError);
            yield break;
        }

        if (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number))
        {
            yield return new(field, "as a string", "many", Expect.FieldError);
            yield return new(field, "beyond any integer", JsonNode.Parse("1e400"), Expect.FieldError);
            if (type.HasFlag(JsonSchemaType.Integer))
            {
                yield return new(field, "with a fraction", 1.5, Expect.FieldError);
                yield return new(field, "at the 64-bit maximum", long.MaxValue, schema.Format is "int64" ? Expect.NoServerError : Expect.FieldError);
            }
            else
            {
                yield return new(field, "huge", JsonNode.Parse("79228162514264337593543950335"), Expect.NoServerError);
            }

            yield return new(field, "negative", -1, Expect.NoServerError);
            yield break;
        }

        if (type.HasFlag(JsonSchemaType.String))
        {
            yield return new(field, "as a number", 12345, Expect.FieldError);
            yield return new(field, "as a list", new JsonArray(), Expect.FieldError);
            yield return new(field, "with a NUL character", "a\u0000b", Expect.FieldError);
            if (schema.Enum is { Count: > 0 })
            {
                yield return new(field, "as an unknown name", "no_such_value", Expect.FieldError);
            }
            else if (schema.Format == "uuid")
            {
                yield return new(field, "as a malformed uuid", "not-a-uuid", Expect.FieldError);
            }
            else if (schema.Format == "date-time")
            {
                yield return new(field, "as a malformed date", "31/12/2026", Expect.FieldError);
                yield return new(field, "at the first instant", "0001-01-01T00:00:00+14:00", Expect.NoServerError);
                yield return new(field, "at the last instant", "9999-12-31T23:59:59-14:00", Expect.NoServerError);
            }
            else if (schema.Format == "date")
            {
                yield return new(field, "as a malformed date", "2026-13-45", Expect.FieldError);
                yield return new(field, "at the first day", "0001-01-01", Expect.NoServerError);
            }
            else
            {
                yield return new(field, "oversized (100,001 characters)", new string('x', 100_001), Expect.Refused);
                yield return new(field, "empty", "", Expect.NoServerError);
            }
        }
    }

    private static JsonSchemaType TypeOf(IOpenApiSchema schema) =>
        schema.Type ?? (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Select(s => s.Type ?? 0).Aggregate((JsonSchemaType)0, (a, b) => a | b);

    /// <summary>A body holding only <paramref name="value"/> at <paramref name="field"/> (<c>a</c>, <c>a[0]</c>, <c>a[0].b</c>).</summary>
    private static JsonObject Place(string field, JsonNode? value)
    {
        var root = new JsonObject();
        var parts = field.Split('.');
        JsonObject current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var last = i == parts.Length - 1;
            if (part.EndsWith("[0]", StringComparison.Ordinal))
            {
                var name = part[..^3];
                if (last)
                {
                    current[name] = new JsonArray(value?.DeepClone());
                }
                else
                {
                    var element = new JsonObject();
                    current[name] = new JsonArray(element);
                    current = element;
                }
            }
            else if (last)
            {
                current[part] = value?.DeepClone();
            }
            else
            {
                var child = new JsonObject();
                current[part] = child;
                current = child;
            }
        }

        return root;
    }

    private static async Task<(HttpStatusCode Status, string? ContentType, JsonElement Body)> SendAsync(
        ApiWorld world, HttpMethod method, string route, string body, string contentType)
    {
        using var request = new HttpRequestMessage(method, new Uri(world.Concrete(route), UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", world.Crm.Admin.Token);
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        using var response = await world.Crm.Host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement parsed;
        try
        {
            using var json = JsonDocument.Parse(text.Length == 0 ? "null" : text);
            parsed = json.RootElement.Clone();
        }
        catch (JsonException)
        {
            parsed = JsonSerializer.SerializeToElement(text);
        }

        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, parsed);
    }

    private static void Judge(List<string> failures, string what, (HttpStatusCode Status, string? ContentType, JsonElement Body) answer, Expect? expected, string? field)
    {
        var status = (int)answer.Status;
        var summary = $"{what}: {status} {Truncate(answer.Body.ToString())}";
        if (status >= 500)
        {
            failures.Add(summary);
            return;
        }

        var success = status is >= 200 and < 300;
        if (!success && (answer.ContentType != ProblemJson || answer.Body.ValueKind != JsonValueKind.Object || !answer.Body.TryGetProperty("status", out _)))
        {
            failures.Add(summary + " (not ProblemDetails)");
            return;
        }

        var named = field is not null && answer.Body.ValueKind == JsonValueKind.Object && answer.Body.TryGetProperty("errors", out var errors)
            && errors.ValueKind == JsonValueKind.Object && errors.TryGetProperty(field, out _);
        var ok = expected switch
        {
            // A whole-body problem: refused, as ProblemDetails (checked above).
            null => !success,
            Expect.FieldError => status == 400 && named,
            Expect.Refused => !success && (status != 400 || named),
            _ => true,
        };
        if (!ok)
        {
            failures.Add(summary + $" (expected {expected?.ToString() ?? "a refusal"})");
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
