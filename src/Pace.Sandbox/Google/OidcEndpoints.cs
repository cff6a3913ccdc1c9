using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Pace.Sandbox.Google;

public sealed record JsonWebKeyDocument(
    [property: JsonPropertyName("kty")] string KeyType,
    [property: JsonPropertyName("alg")] string Algorithm,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("kid")] string KeyId,
    [property: JsonPropertyName("n")] string Modulus,
    [property: JsonPropertyName("e")] string Exponent);

public sealed record JsonWebKeySetDocument([property: JsonPropertyName("keys")] IReadOnlyList<JsonWebKeyDocument> Keys);

/// <summary>Discovery, JWKS and userinfo: the OpenID Connect surface of Google, in Google's shapes.</summary>
public static class OidcEndpoints
{
    private static readonly string[] ResponseTypes = ["code"];
    private static readonly string[] SubjectTypes = ["public"];
    private static readonly string[] SigningAlgorithms = ["RS256"];
    private static readonly string[] Scopes = ["openid", "email", "profile"];
    private static readonly string[] ClientAuthMethods = ["client_secret_post", "client_secret_basic"];
    private static readonly string[] Claims =
        ["aud", "email", "email_verified", "exp", "family_name", "given_name", "iat", "iss", "name", "picture", "sub"];

    private static readonly string[] CodeChallengeMethods = ["plain", "S256"];
    private static readonly string[] GrantTypes = ["authorization_code", "refresh_token", TokenEndpoint.JwtBearer];

    public static RouteGroupBuilder MapOidcEndpoints(this RouteGroupBuilder google)
    {
        google.MapGet("/.well-known/openid-configuration", Discovery).WithName("GoogleDiscovery").ExcludeFromDescription();
        google.MapGet("/oauth2/v3/certs", Jwks).WithName("GoogleJwks").ExcludeFromDescription();
        google.MapMethods("/oauth2/v3/userinfo", [HttpMethods.Get, HttpMethods.Post], UserInfo).WithName("GoogleUserInfo").ExcludeFromDescription();
        return google;
    }

    private static JsonHttpResult<Dictionary<string, object>> Discovery(HttpContext context, IOptions<GoogleSandboxOptions> options)
    {
        var endpoints = GoogleEndpoints.For(context, options.Value);
        context.Response.Headers.CacheControl = "public, max-age=3600";
        // Field order and values follow accounts.google.com/.well-known/openid-configuration.
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["issuer"] = endpoints.Issuer,
            ["authorization_endpoint"] = endpoints.Authorization,
            ["token_endpoint"] = endpoints.Token,
            ["userinfo_endpoint"] = endpoints.UserInfo,
            ["revocation_endpoint"] = endpoints.Revocation,
            ["jwks_uri"] = endpoints.Jwks,
            ["response_types_supported"] = ResponseTypes,
            ["subject_types_supported"] = SubjectTypes,
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
            ["scopes_supported"] = Scopes,
            ["token_endpoint_auth_methods_supported"] = ClientAuthMethods,
            ["claims_supported"] = Claims,
            ["code_challenge_methods_supported"] = CodeChallengeMethods,
            ["grant_types_supported"] = GrantTypes,
        });
    }

    private static JsonHttpResult<JsonWebKeySetDocument> Jwks(HttpContext context, SigningKeyRing keys, TimeProvider time)
    {
        var set = keys.Keys();
        // Cached until the next rotation, as Google caches its certs until it rotates them.
        var maxAge = Math.Max(0, (long)(set.NextRotation - time.GetUtcNow()).TotalSeconds);
        context.Response.Headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={maxAge}, must-revalidate, no-transform");
        context.Response.Headers.Expires = set.NextRotation.ToString("R", CultureInfo.InvariantCulture);
        return TypedResults.Json(new JsonWebKeySetDocument(
        [
            .. new[] { set.Current, set.Previous }.Select(k => new JsonWebKeyDocument("RSA", "RS256", "sig", k.KeyId, k.Modulus, k.Exponent)),
        ]));
    }

    private static IResult UserInfo(HttpContext context, GrantStore grants, WorkspaceDirectory directory, IOptions<GoogleSandboxOptions> options)
    {
        var endpoints = GoogleEndpoints.For(context, options.Value);
        var grant = BearerToken.Read(context.Request) is { } token ? grants.FindAccessToken(token) : null;
        var identity = grant?.Identity
            ?? (grant?.SubjectEmail is { } subject ? AuthorizationEndpoint.IdentityFor(subject, directory.Find(subject), directory, endpoints) : null);
        if (grant is null || identity is null)
        {
            GoogleErrors.ChallengeBearer(context.Response, endpoints.Issuer);
            return GoogleErrors.OAuth("invalid_request", "Invalid Credentials", StatusCodes.Status401Unauthorized);
        }

        var body = new Dictionary<string, object> { ["sub"] = identity.Subject };
        if (GoogleScopes.GrantsProfile(grant.Scopes))
        {
            body["name"] = identity.Name;
            body["given_name"] = identity.GivenName;
            if (identity.FamilyName is not null)
            {
                body["family_name"] = identity.FamilyName;
            }

            body["picture"] = identity.Picture;
        }

        if (GoogleScopes.GrantsEmail(grant.Scopes))
        {
            body["email"] = identity.Email;
            body["email_verified"] = identity.EmailVerified;
        }

        if (identity.HostedDomain is not null)
        {
            body["hd"] = identity.HostedDomain;
        }

        return TypedResults.Json(body);
    }
}

/// <summary>An OAuth access token from <c>Authorization: Bearer …</c> or, as Google also accepts, <c>?access_token=</c>.</summary>
public static class BearerToken
{
    public static string? Read(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        return request.Query["access_token"].ToString() is { Length: > 0 } query ? query : null;
    }
}
