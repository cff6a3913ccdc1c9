using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Pace.Web.Identity.SignIn;

/// <summary>The person an ID token vouches for, once every check has passed.</summary>
public sealed record GoogleIdentity(string Subject, string Email, string? Name, string HostedDomain);

/// <summary>
/// Validates Google ID tokens against the provider's discovery document and JWKS (cached; fetched again when a
/// token names a key it does not hold, which is how Google's key rotation shows): RS256 signature, issuer, audience,
/// expiry, the nonce of this sign-in, <c>email_verified</c> and the Workspace domain (<c>hd</c>). Every failure is a
/// <see cref="SignInRefusedException"/> with the reason.
/// </summary>
public sealed class GoogleIdTokenValidator
{
    public const string HttpClientName = "google-oidc";

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    private readonly GoogleSignInOptions _options;
    private readonly IConfigurationManager<OpenIdConnectConfiguration> _configuration;
    private readonly TimeProvider _time;

    public GoogleIdTokenValidator(IOptions<GoogleSignInOptions> options, IHttpClientFactory httpClients, TimeProvider time)
        : this(options.Value, CreateConfigurationManager(options.Value, httpClients), time)
    {
    }

    /// <summary>With a given source of provider metadata (tests hand it keys of their own).</summary>
    public GoogleIdTokenValidator(GoogleSignInOptions options, IConfigurationManager<OpenIdConnectConfiguration> configuration, TimeProvider time)
    {
        _options = options;
        _configuration = configuration;
        _time = time;
    }

    public async Task<GoogleIdentity> ValidateAsync(string? idToken, string? expectedNonce, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(idToken) || !Handler.CanReadToken(idToken))
        {
            throw new SignInRefusedException(SignInRefusal.InvalidToken, null, "The token response holds no readable id_token.");
        }

        var unverified = Handler.ReadJsonWebToken(idToken);
        var configuration = await _configuration.GetConfigurationAsync(cancellationToken);
        if (unverified.Kid is { Length: > 0 } kid && !configuration.SigningKeys.Any(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal)))
        {
            // A key we have not seen: the provider may have rotated. Read the JWKS again, once.
            _configuration.RequestRefresh();
            configuration = await _configuration.GetConfigurationAsync(cancellationToken);
        }

        var result = await Handler.ValidateTokenAsync(idToken, Parameters(configuration));
        if (!result.IsValid)
        {
            throw result.Exception switch
            {
                SecurityTokenExpiredException => new SignInRefusedException(SignInRefusal.ExpiredToken, null, result.Exception.Message),
                _ => new SignInRefusedException(SignInRefusal.InvalidToken, null, result.Exception?.GetType().Name),
            };
        }

        var token = (JsonWebToken)result.SecurityToken;
        if (!string.Equals(token.Alg, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal))
        {
            throw new SignInRefusedException(SignInRefusal.InvalidToken, null, "alg " + token.Alg);
        }

        var email = String(token, "email");
        if (string.IsNullOrEmpty(email) || string.IsNullOrEmpty(token.Subject))
        {
            throw new SignInRefusedException(SignInRefusal.InvalidToken, null, "The ID token has no email or sub (scope email missing?).");
        }

#pragma warning disable CA1308 // Addresses are stored and compared in lower case (users.email has a check constraint).
        email = email.Trim().ToLowerInvariant();
#pragma warning restore CA1308

        var nonce = String(token, "nonce");
        if (string.IsNullOrEmpty(expectedNonce) || !string.Equals(nonce, expectedNonce, StringComparison.Ordinal))
        {
            throw new SignInRefusedException(SignInRefusal.NonceMismatch, email);
        }

        if (!IsTrue(token, "email_verified"))
        {
            throw new SignInRefusedException(SignInRefusal.EmailNotVerified, email);
        }

        // Google sends hd only for Workspace accounts; the address's own domain is not enough (a consumer account
        // may carry any address).
        var hostedDomain = String(token, "hd");
        if (hostedDomain is null
            || !_options.WorkspaceDomains.Contains(hostedDomain, StringComparer.OrdinalIgnoreCase)
            || !email.EndsWith("@" + hostedDomain, StringComparison.OrdinalIgnoreCase))
        {
            throw new SignInRefusedException(SignInRefusal.WrongDomain, email, "hd " + (hostedDomain ?? "(none)"));
        }

        return new GoogleIdentity(token.Subject, email, String(token, "name"), hostedDomain);
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuers = _options.Issuers,
        ValidAudience = _options.ClientId,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        ClockSkew = _options.ClockSkew,
        // Our clock, not the machine's, so tests can move time.
        LifetimeValidator = ValidateLifetime,
    };

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The ID token has no exp.");
        }

        if (notBefore is { } nbf && nbf > now + parameters.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The ID token is not valid yet.") { NotBefore = nbf };
        }

        if (expires.Value < now - parameters.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The ID token has expired.") { Expires = expires.Value };
        }

        return true;
    }

    private static string? String(JsonWebToken token, string claim) =>
        token.TryGetPayloadValue<string>(claim, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static bool IsTrue(JsonWebToken token, string claim)
    {
        if (token.TryGetPayloadValue<bool>(claim, out var flag))
        {
            return flag;
        }

        // Some Google tokens historically carried "true" as a string.
        return token.TryGetPayloadValue<string>(claim, out var text) && string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);
    }

    private static ConfigurationManager<OpenIdConnectConfiguration> CreateConfigurationManager(GoogleSignInOptions options, IHttpClientFactory httpClients)
    {
        var address = options.DiscoveryAddress;
        var retriever = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName))
        {
            RequireHttps = !GoogleSignInOptions.IsLoopback(new Uri(address, UriKind.Absolute)),
        };
        return new ConfigurationManager<OpenIdConnectConfiguration>(address, new OpenIdConnectConfigurationRetriever(), retriever);
    }
}

/// <summary>Reads <c>id_token</c> out of a token endpoint response.</summary>
internal static class TokenResponses
{
    public static string? IdToken(JsonDocument? response) =>
        response is not null
        && response.RootElement.ValueKind == JsonValueKind.Object
        && response.RootElement.TryGetProperty("id_token", out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
