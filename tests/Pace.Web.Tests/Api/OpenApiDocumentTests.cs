using System.Net;
using Microsoft.OpenApi;
using Pace.Web.Tests.Crm;

namespace Pace.Web.Tests.Api;

/// <summary>The OpenAPI document: valid OpenAPI 3, complete against the routing table, and saying what really happens.</summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task The_document_is_valid_openapi_3_and_describes_every_api_endpoint()
    {
        await using var world = await CrmWorld.StartAsync();
        var document = await OpenApiSpec.LoadAsync(world.Host.Http, world.Agent.Token);

        var missing = new List<string>();
        foreach (var (method, path) in OpenApiSpec.ApiRoutes(world.Host.Services))
        {
            if (OpenApiSpec.Operation(document, method, path) is not { } operation)
            {
                missing.Add($"{method} {path}: not in the document");
                continue;
            }

            foreach (var parameter in System.Text.RegularExpressions.Regex.Matches(path, @"\{(\w+)\}").Select(m => m.Groups[1].Value))
            {
                if (operation.Parameters?.Any(p => p.Name == parameter && p.In == ParameterLocation.Path) != true)
                {
                    missing.Add($"{method} {path}: route parameter {parameter} not described");
                }
            }

            if (operation.Responses is null || !operation.Responses.Keys.Any(k => k.StartsWith('2')))
            {
                missing.Add($"{method} {path}: no success response");
            }

            if (path != "/oauth/token" && operation.Responses?.ContainsKey("401") != true)
            {
                missing.Add($"{method} {path}: the 401 of an authenticated endpoint not described");
            }

            if (method is "POST" or "PUT" or "PATCH" && OpenApiSpec.RequestSchema(operation) is not null
                && (operation.Responses?.ContainsKey("400") != true || operation.Responses?.ContainsKey("415") != true))
            {
                missing.Add($"{method} {path}: takes JSON but its 400/415 are not described");
            }

            if (path.Contains('{', StringComparison.Ordinal) && OpenApiSpec.ResponseSchema(operation, 404) is null
                && operation.Responses?.ContainsKey("404") != true)
            {
                missing.Add($"{method} {path}: names a record but its 404 is not described");
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public async Task The_document_is_not_public()
    {
        await using var world = await CrmWorld.StartAsync();

        using var response = await world.Host.Http.GetAsync(new Uri(OpenApiSpec.DocumentPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
