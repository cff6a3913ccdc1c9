using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Pace.Web.Identity;

namespace Pace.Web.Api;

/// <summary>
/// The OpenAPI 3 document of pace-web at <c>/openapi/v1.json</c>, generated from the endpoints' own metadata (typed
/// results, <c>ProducesProblem</c>, parameters), plus what holds for whole classes of endpoints and is therefore added
/// here rather than on each: authentication (401/403 and the bearer scheme), the 400/415 every JSON body can answer,
/// the required fields of request bodies (<see cref="RequiredAttribute"/>), and the <c>Idempotency-Key</c> header.
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";

    public const string Path = "/openapi/{documentName}.json";

    private const string BearerScheme = "bearer";

    public static IServiceCollection AddPaceApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(Name, o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "PACE API",
                    Version = Name,
                    Description = "The CRM of pace-web. Errors are RFC 7807 ProblemDetails; field errors are keyed by the field's JSON path. " +
                        "Enums travel as snake_case names. Lists are keyset-paginated (limit, cursor → nextCursor).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A personal API token (pace_pat_…) or an access token from /oauth/token. Browsers use the session cookie.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(DescribeCommonAnswersAsync);
            o.AddSchemaTransformer((schema, context, _) =>
            {
                MarkRequired(schema, context.JsonTypeInfo);
                return Task.CompletedTask;
            });
        });

    /// <summary>The document needs the same caller as the schema: staff, or a machine acting for the AI suite.</summary>
    public static IEndpointConventionBuilder MapPaceApiDocument(this IEndpointRouteBuilder app) =>
        app.MapOpenApi(Path).RequireAuthorization(PacePolicies.ApiReader);

    private static async Task DescribeCommonAnswersAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document!;
        operation.Responses ??= [];
        // [AsParameters] classes describe their query parameters by property name; binding ignores case, JSON is camelCase.
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query && p.Name is not null))
        {
            parameter.Name = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
        }

        if (!metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
            await AddProblemAsync(operation, context, StatusCodes.Status401Unauthorized, "Not authenticated: no valid token or session.", cancellationToken);
            await AddProblemAsync(operation, context, StatusCodes.Status403Forbidden, "Authenticated, but the caller's role or scopes do not admit it.", cancellationToken);
        }

        if (context.Description.ParameterDescriptions.Any(p => p.Source == Microsoft.AspNetCore.Mvc.ModelBinding.BindingSource.Body))
        {
            await AddProblemAsync(operation, context, StatusCodes.Status400BadRequest,
                "Malformed JSON, a value of the wrong type or an unknown enum name (errors name the field), or invalid fields.", cancellationToken,
                typeof(HttpValidationProblemDetails));
            await AddProblemAsync(operation, context, StatusCodes.Status415UnsupportedMediaType, "The body is not application/json.", cancellationToken);
        }

        if (metadata.OfType<Idempotency.IdempotentCreate>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Idempotency.IdempotencyKeys.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Makes a retried create make one record: the first answer is stored for 24 h and replayed for a retry with the same key and body.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Idempotency.IdempotencyKeys.MaxKeyLength },
            });
            await AddProblemAsync(operation, context, StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still in progress: retry shortly.", cancellationToken);
            await AddProblemAsync(operation, context, StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was used for a different request.", cancellationToken);
        }
    }

    private static async Task AddProblemAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description, CancellationToken cancellationToken, Type? type = null)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        type ??= typeof(Microsoft.AspNetCore.Mvc.ProblemDetails);
        var document = context.Document!;
        var id = type.Name;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        if (!document.Components.Schemas.ContainsKey(id))
        {
            document.Components.Schemas[id] = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(id, document) },
            },
        };
    }

    /// <summary>
    /// Request fields the endpoint refuses when absent carry <see cref="RequiredAttribute"/> (on the property or the
    /// record's constructor parameter): listed as required and not nullable. A nullable field without it is not listed
    /// as required (the generator lists every constructor parameter): a request may leave it out. The attribute documents;
    /// the endpoint's own validation enforces, and a test holds the two together.
    /// </summary>
    private static void MarkRequired(OpenApiSchema schema, JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object || schema.Properties is null)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (!schema.Properties.TryGetValue(property.Name, out var propertySchema))
            {
                continue;
            }

            var attributes = (property.AttributeProvider?.GetCustomAttributes(typeof(RequiredAttribute), inherit: true) ?? [])
                .Concat(property.AssociatedParameter?.AttributeProvider?.GetCustomAttributes(typeof(RequiredAttribute), inherit: true) ?? []);
            if (!attributes.Any())
            {
                var omittedWhenNull = property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
                    .OfType<JsonIgnoreAttribute>().Any(a => a.Condition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault) == true;
                if (omittedWhenNull || (property.AssociatedParameter?.IsNullable ?? property.IsSetNullable))
                {
                    schema.Required?.Remove(property.Name);
                }

                continue;
            }

            schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
            schema.Required.Add(property.Name);
            if (propertySchema is OpenApiSchema { Type: { } kind } inline && kind.HasFlag(JsonSchemaType.Null))
            {
                inline.Type = kind & ~JsonSchemaType.Null;
            }
        }
    }
}
