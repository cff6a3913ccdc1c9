using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Pace.Sandbox.Google;

/// <summary>Mints Google-shaped ID tokens: RS256 with a <c>kid</c>, Google's claim set, signed by the current key.</summary>
public sealed class IdTokenFactory(SigningKeyRing keys, IOptions<GoogleSandboxOptions> options, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public (string Token, string KeyId, DateTimeOffset ExpiresAt) Create(
        string issuer,
        string clientId,
        GoogleIdentity identity,
        IReadOnlyCollection<string> scopes,
        string? nonce,
        string accessToken)
    {
        var key = keys.Keys().Current;
        var now = time.GetUtcNow();
        // JWT times are whole seconds; the handler would otherwise keep the clock's fraction.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var expiresAt = issuedAt + options.Value.IdTokenLifetime;

        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["azp"] = clientId,
            ["sub"] = identity.Subject,
            ["at_hash"] = AtHash(accessToken),
        };
        if (identity.HostedDomain is not null)
        {
            claims["hd"] = identity.HostedDomain;
        }

        if (GoogleScopes.GrantsEmail(scopes))
        {
            claims["email"] = identity.Email;
            claims["email_verified"] = identity.EmailVerified;
        }

        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        if (GoogleScopes.GrantsProfile(scopes))
        {
            claims["name"] = identity.Name;
            claims["picture"] = identity.Picture;
            claims["given_name"] = identity.GivenName;
            if (identity.FamilyName is not null)
            {
                claims["family_name"] = identity.FamilyName;
            }
        }

        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = clientId,
            IssuedAt = issuedAt.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = claims,
            SigningCredentials = key.Credentials,
            TokenType = "JWT",
        });
        return (token, key.KeyId, expiresAt);
    }

    /// <summary>OIDC Core 3.1.3.6: the left half of SHA-256 of the access token, base64url.</summary>
    public static string AtHash(string accessToken)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(accessToken));
        return Base64Url.EncodeToString(hash.AsSpan(0, hash.Length / 2));
    }
}
