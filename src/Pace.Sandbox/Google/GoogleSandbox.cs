using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pace.ServiceDefaults;

namespace Pace.Sandbox.Google;

/// <summary>
/// The Google twin: OIDC sign-in (discovery, authorization, token, JWKS, userinfo), service accounts with domain-wide
/// delegation, and the Admin SDK directory, all under <c>/google</c>. A client is pointed at it by its base URLs only.
/// </summary>
public static class GoogleSandbox
{
    public static IServiceCollection AddGoogleSandbox(this IServiceCollection services)
    {
        services.AddValidatedOptions<GoogleSandboxOptions>(GoogleSandboxOptions.Section);
        services.AddSingleton<IPostConfigureOptions<GoogleSandboxOptions>, GoogleSandboxDefaultsSetup>();
        services.AddSingleton<IValidateOptions<GoogleSandboxOptions>, GoogleSandboxOptionsValidator>();
        services.AddSingleton<IWorkspaceDirectorySeed, FileWorkspaceDirectorySeed>();
        services.TryAddSingleton<WorkspaceDirectory>();
        services.TryAddSingleton<SigningKeyRing>();
        services.TryAddSingleton<ServiceAccountRegistry>();
        services.TryAddSingleton<GrantStore>();
        services.TryAddSingleton<IdTokenFactory>();
        return services;
    }

    public static IEndpointRouteBuilder MapGoogleSandbox(this IEndpointRouteBuilder app)
    {
        app.MapGroup(GoogleEndpoints.BasePath)
            .AllowAnonymous()
            .MapOidcEndpoints()
            .MapAuthorizationEndpoint()
            .MapTokenEndpoint()
            .MapDirectoryApi()
            .MapSandboxControlApi();
        return app;
    }
}
