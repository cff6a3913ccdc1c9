using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Threading.RateLimiting;

namespace Pace.Web.Identity.Tokens;

/// <summary>The Authenticator: machine tokens (client credentials, RS256) and personal API tokens.</summary>
public static class TokensModule
{
    public static AuthenticationBuilder AddPaceTokens(this AuthenticationBuilder authentication, WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TokenOptions>()
            .BindConfiguration(TokenOptions.Section)
            .PostConfigure<IConfiguration>((o, configuration) =>
            {
                var firstUrl = configuration["Urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
                o.Issuer = (string.IsNullOrWhiteSpace(o.Issuer) ? firstUrl ?? "http://localhost" : o.Issuer).TrimEnd('/');
            })
            // The message names the setting and never shows its value.
            .Validate(o => TokenOptions.IsValidKeyEncryptionKey(o.KeyEncryptionKey), TokenOptions.KeyEncryptionKeyMessage)
            .Validate(o => o.AccessTokenLifetime > TimeSpan.Zero && o.KeyRotationPeriod > o.AccessTokenLifetime,
                "Tokens:AccessTokenLifetime must be positive and shorter than Tokens:KeyRotationPeriod")
            .ValidateOnStart();

        services.TryAddSingleton<SigningKeyStore>();
        services.TryAddSingleton<TokenIssuer>();
        services.TryAddSingleton<ClientRateLimiter>();
        services.TryAddScoped<PersonalTokenValidator>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(OAuthTokenEndpoint.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<TokenOptions>>().Value.TokenRequestsPerMinutePerIp,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });

        authentication.AddScheme<AuthenticationSchemeOptions, AccessTokenHandler>(PaceSchemes.Jwt, "PACE access token", null);
        authentication.AddScheme<AuthenticationSchemeOptions, PersonalTokenHandler>(PaceSchemes.PersonalToken, "PACE personal token", null);
        return authentication;
    }

    /// <summary>
    /// <c>/oauth/token</c> and <c>/.well-known/jwks.json</c> (anonymous: the first authenticates the client itself, the
    /// second is public by design), <c>/api/v1/me/tokens</c> (staff) and <c>/api/v1/admin/machine-clients</c> (admins).
    /// Needs <c>UseRateLimiter()</c> in the pipeline.
    /// </summary>
    public static IEndpointRouteBuilder MapPaceTokens(this IEndpointRouteBuilder app)
    {
        app.MapPost("/oauth/token", OAuthTokenEndpoint.HandleAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(OAuthTokenEndpoint.RateLimitPolicy)
            .WithName("OAuthToken");
        app.MapGet("/.well-known/jwks.json", async (HttpContext context, SigningKeyStore keys, CancellationToken cancellationToken) =>
            {
                context.Response.Headers.CacheControl = "public, max-age=300";
                return TypedResults.Json(new { keys = await keys.GetPublishedAsync(cancellationToken) });
            })
            .AllowAnonymous()
            .WithName("Jwks");
        app.MapGroup("/api/v1/me/tokens").MapPersonalTokensApi();
        app.MapGroup("/api/v1/admin/machine-clients").MapMachineClientsApi();
        return app;
    }
}
