using System.Net;
using System.Text.Json;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Pace.Web.Tests.Identity;

namespace Pace.Web.Tests.Api;

/// <summary>pace-web's OpenAPI document as a test reads it, and checks of JSON against its schemas.</summary>
public static class OpenApiSpec
{
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>Fetches and parses the document as the holder of <paramref name="token"/>, failing on any diagnostic error.</summary>
    public static async Task<OpenApiDocument> LoadAsync(HttpClient http, string token)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(DocumentPath, UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var (document, diagnostic) = OpenApiDocument.Parse(text, "json", new OpenApiReaderSettings());
        Assert.NotNull(diagnostic);
        Assert.True(diagnostic.Errors.Count == 0, "OpenAPI errors: " + string.Join("; ", diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.NotNull(document);
        Assert.StartsWith("3.", diagnostic.SpecificationVersion switch
        {
            OpenApiSpecVersion.OpenApi3_0 => "3.0",
            OpenApiSpecVersion.OpenApi3_1 => "3.1",
            _ => "2",
        }, StringComparison.Ordinal);
        return document;
    }

    /// <summary>The "METHOD /path" of every /api/v1 endpoint of the routing table.</summary>
    public static List<(string Method, string Path)> ApiRoutes(IServiceProvider services) =>
        [.. EndpointPolicyTests.RoutedEndpoints(services)
            .Select(e => (Method: e[..e.IndexOf(' ', StringComparison.Ordinal)], Path: e[(e.IndexOf(' ', StringComparison.Ordinal) + 1)..]))
            .Where(e => e.Path.StartsWith("/api/v1/", StringComparison.Ordinal) || e.Path == "/oauth/token")
            .OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)];

    public static OpenApiOperation? Operation(OpenApiDocument document, string method, string path)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.Paths.TryGetValue(path, out var item) && item.Operations is { } operations
            && operations.TryGetValue(new HttpMethod(method), out var operation)
            ? operation
            : null;
    }

    /// <summary>The JSON schema of the body an operation takes, if it takes JSON.</summary>
    public static IOpenApiSchema? RequestSchema(OpenApiOperation operation) =>
        operation?.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var json) ? json.Schema : null;

    /// <summary>The JSON schema of the response with <paramref name="status"/>.</summary>
    public static IOpenApiSchema? ResponseSchema(OpenApiOperation operation, int status) =>
        operation?.Responses is { } responses && responses.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out var response)
            && response.Content is { } content && content.Values.FirstOrDefault() is { } media
            ? media.Schema
            : null;

    /// <summary>
    /// Where <paramref name="value"/> differs from <paramref name="schema"/>: a property the schema names that the JSON
    /// lacks, a property the JSON has that the schema does not name, a value of another type, an enum value the schema
    /// does not list. Empty when they match.
    /// </summary>
    public static List<string> Mismatches(IOpenApiSchema schema, JsonElement value, string path = "$")
    {
        ArgumentNullException.ThrowIfNull(schema);
        var found = new List<string>();
        var alternatives = (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).ToList();
        if (alternatives.Count > 0 && schema.Type is null)
        {
            if (value.ValueKind == JsonValueKind.Null && alternatives.Any(a => a.Type is { } t && t.HasFlag(JsonSchemaType.Null)))
            {
                return found;
            }

            var best = alternatives.Select(a => Mismatches(a, value, path)).OrderBy(m => m.Count).First();
            return best;
        }

        var kind = KindOf(value);
        if (schema.Type is { } type && (type & kind) == 0 && !(kind == JsonSchemaType.Integer && type.HasFlag(JsonSchemaType.Number)))
        {
            found.Add($"{path}: {value.ValueKind} where the schema says {type}");
            return found;
        }

        if (schema.Enum is { Count: > 0 } values && value.ValueKind == JsonValueKind.String
            && !values.Any(v => v?.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == value.GetString()))
        {
            found.Add($"{path}: '{value.GetString()}' is not one of the schema's values");
        }

        if (value.ValueKind == JsonValueKind.Object && schema.Properties is { Count: > 0 } properties)
        {
            foreach (var (name, property) in properties)
            {
                if (value.TryGetProperty(name, out var child))
                {
                    found.AddRange(Mismatches(property, child, $"{path}.{name}"));
                }
                else if (schema.Required?.Contains(name) == true)
                {
                    // Only a property the schema does not require may be left out (one written only when it has a value).
                    found.Add($"{path}.{name}: named by the schema, absent from the JSON");
                }
            }

            found.AddRange(value.EnumerateObject().Where(p => !properties.ContainsKey(p.Name)).Select(p => $"{path}.{p.Name}: in the JSON, not in the schema"));
        }

        if (value.ValueKind == JsonValueKind.Array && schema.Items is { } items)
        {
            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                found.AddRange(Mismatches(items, element, $"{path}[{index++}]"));
            }
        }

        return found;
    }

    private static JsonSchemaType KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => JsonSchemaType.String,
        JsonValueKind.Number => value.TryGetInt64(out _) ? JsonSchemaType.Integer | JsonSchemaType.Number : JsonSchemaType.Number,
        JsonValueKind.True or JsonValueKind.False => JsonSchemaType.Boolean,
        JsonValueKind.Object => JsonSchemaType.Object,
        JsonValueKind.Array => JsonSchemaType.Array,
        _ => JsonSchemaType.Null,
    };
}
