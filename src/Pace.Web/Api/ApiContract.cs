using Pace.Web.Api.Idempotency;
using Pace.Web.Api.Schema;

namespace Pace.Web.Api;

/// <summary>
/// The contract of the REST API as a whole (docs/api.md): its OpenAPI document, <c>/api/v1/schema</c>, bad requests
/// answered as ProblemDetails naming the field, and idempotent creates.
/// </summary>
public static class ApiContract
{
    public static IServiceCollection AddPaceApiContract(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPaceApiDocument();
        RequestProblems.Register(services);
        services.AddSingleton<IdempotencyKeyCleanup>();
        if (configuration.GetValue("Api:IdempotencyCleanup:Enabled", defaultValue: true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<IdempotencyKeyCleanup>());
        }

        return services;
    }

    public static IEndpointRouteBuilder MapPaceApiContract(this IEndpointRouteBuilder app)
    {
        app.MapPaceApiDocument();
        app.MapGroup("/api/v1/schema").MapSchemaApi();
        return app;
    }
}
