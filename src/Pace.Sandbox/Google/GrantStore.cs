using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Pace.Sandbox.Google;

/// <summary>Who signed in: what goes into the ID token and the userinfo answer.</summary>
public sealed record GoogleIdentity(
    string Subject,
    string Email,
    bool EmailVerified,
    string? HostedDomain,
    string Name,
    string GivenName,
    string? FamilyName,
    string Picture);

public sealed record AuthorizationCodeGrant(
    string ClientId,
    string RedirectUri,
    IReadOnlyList<string> Scopes,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    string? Nonce,
    bool Offline,
    GoogleIdentity Identity,
    DateTimeOffset ExpiresAt);

/// <summary>
/// What an access token stands for: a signed-in user (code flow) or a service account, acting as itself or, by
/// domain-wide delegation, as <see cref="SubjectEmail"/>.
/// </summary>
public sealed record AccessTokenGrant(
    string ClientId,
    IReadOnlyList<string> Scopes,
    string? SubjectEmail,
    GoogleIdentity? Identity,
    string? ServiceAccount,
    DateTimeOffset ExpiresAt);

public sealed record RefreshTokenGrant(string ClientId, IReadOnlyList<string> Scopes, GoogleIdentity Identity);

/// <summary>One issued credential as the inspection surface shows it: never the credential itself.</summary>
public sealed record IssuedCredential(
    [property: JsonPropertyName("sequence")] long Sequence,
    [property: JsonPropertyName("issuedAt")] DateTimeOffset IssuedAt,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("grantType")] string GrantType,
    [property: JsonPropertyName("clientId")] string ClientId,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("expiresAt")] DateTimeOffset? ExpiresAt,
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("keyId")] string? KeyId);

public enum CodeRedemption
{
    Redeemed,
    Unknown,
    AlreadyUsed,
    Expired,
}

/// <summary>
/// Authorization codes, access and refresh tokens, and the log of everything issued. Codes are single-use: the
/// first redemption consumes one, whatever its outcome, so a replay is always refused.
/// </summary>
public sealed class GrantStore(TimeProvider time, IOptions<GoogleSandboxOptions> options)
{
    private const int LogCapacity = 5000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, AuthorizationCodeGrant> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _usedCodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessTokenGrant> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenGrant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly LinkedList<IssuedCredential> _issued = new();
    private long _sequence;
    private DateTimeOffset _lastPurge = DateTimeOffset.MinValue;

    public string IssueCode(AuthorizationCodeGrant grant)
    {
        var code = GoogleIds.NewToken("4/0", 40);
        lock (_gate)
        {
            Purge();
            _codes[code] = grant;
            Log("authorization_code", "authorization_code", grant.ClientId, grant.Identity, grant.Scopes, grant.ExpiresAt, code, null);
        }

        return code;
    }

    public CodeRedemption Redeem(string code, out AuthorizationCodeGrant? grant)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_codes.Remove(code, out grant))
            {
                _usedCodes[code] = grant.ExpiresAt;
                return grant.ExpiresAt <= now ? CodeRedemption.Expired : CodeRedemption.Redeemed;
            }

            return _usedCodes.ContainsKey(code) ? CodeRedemption.AlreadyUsed : CodeRedemption.Unknown;
        }
    }

    public string IssueAccessToken(AccessTokenGrant grant, string grantType)
    {
        var token = GoogleIds.NewToken("ya29.a0", 96);
        lock (_gate)
        {
            Purge();
            _accessTokens[token] = grant;
            Log("access_token", grantType, grant.ClientId, grant.Identity, grant.Scopes, grant.ExpiresAt, token, null, grant.SubjectEmail ?? grant.ServiceAccount);
        }

        return token;
    }

    public string IssueRefreshToken(RefreshTokenGrant grant, string grantType)
    {
        var token = GoogleIds.NewToken("1//0", 64);
        lock (_gate)
        {
            _refreshTokens[token] = grant;
            Log("refresh_token", grantType, grant.ClientId, grant.Identity, grant.Scopes, null, token, null);
        }

        return token;
    }

    public void RecordIdToken(string idToken, string keyId, string grantType, string clientId, GoogleIdentity identity, IReadOnlyList<string> scopes, DateTimeOffset expiresAt)
    {
        lock (_gate)
        {
            Log("id_token", grantType, clientId, identity, scopes, expiresAt, idToken, keyId);
        }
    }

    /// <summary>The grant behind a live access token; null when unknown, revoked or expired.</summary>
    public AccessTokenGrant? FindAccessToken(string token)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            return _accessTokens.TryGetValue(token, out var grant) && grant.ExpiresAt > now ? grant : null;
        }
    }

    public RefreshTokenGrant? FindRefreshToken(string token)
    {
        lock (_gate)
        {
            return _refreshTokens.GetValueOrDefault(token);
        }
    }

    /// <summary>Revokes an access or refresh token (Google's <c>/revoke</c>); false when it was not live.</summary>
    public bool Revoke(string token)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_refreshTokens.Remove(token))
            {
                return true;
            }

            return _accessTokens.Remove(token, out var grant) && grant.ExpiresAt > now;
        }
    }

    public IReadOnlyList<IssuedCredential> Issued()
    {
        lock (_gate)
        {
            return _issued.ToList();
        }
    }

    private void Log(
        string kind,
        string grantType,
        string clientId,
        GoogleIdentity? identity,
        IReadOnlyList<string> scopes,
        DateTimeOffset? expiresAt,
        string credential,
        string? keyId,
        string? email = null)
    {
        _issued.AddLast(new IssuedCredential(
            ++_sequence,
            time.GetUtcNow(),
            kind,
            grantType,
            clientId,
            identity?.Subject ?? (email is null ? null : GoogleIds.SubjectFor(email)),
            identity?.Email ?? email,
            scopes,
            expiresAt,
            GoogleIds.Fingerprint(credential),
            keyId));
        if (_issued.Count > LogCapacity)
        {
            _issued.RemoveFirst();
        }
    }

    /// <summary>Drops what can no longer be used, so a long-running sandbox does not grow without bound.</summary>
    private void Purge()
    {
        var now = time.GetUtcNow();
        if (now - _lastPurge < TimeSpan.FromMinutes(1))
        {
            return;
        }

        _lastPurge = now;
        var keepUsedFor = options.Value.AuthorizationCodeLifetime;
        foreach (var code in _codes.Where(c => c.Value.ExpiresAt + keepUsedFor <= now).Select(c => c.Key).ToList())
        {
            _codes.Remove(code);
            _usedCodes[code] = now;
        }

        foreach (var code in _usedCodes.Where(c => c.Value + keepUsedFor + keepUsedFor <= now).Select(c => c.Key).ToList())
        {
            _usedCodes.Remove(code);
        }

        foreach (var token in _accessTokens.Where(t => t.Value.ExpiresAt <= now).Select(t => t.Key).ToList())
        {
            _accessTokens.Remove(token);
        }
    }
}
