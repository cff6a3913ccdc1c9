using System.Security.Cryptography;
using System.Text;

namespace Pace.Identity;

/// <summary>
/// The secrets of the Authenticator: machine client secrets and personal API tokens, how they are generated and how
/// their hashes are stored and checked. One place, so the API and <c>./pace token create</c> agree.
/// </summary>
/// <remarks>
/// A stored hash is <c>sha256:</c> + the Base64 SHA-256 of the secret. A slow, salted KDF (PBKDF2) protects secrets a
/// person chose; these are 256-bit random values, so guessing one from its hash is already infeasible and a salt adds
/// nothing, while a fast hash keeps checking a personal token on every API request cheap. Comparison is in constant time.
/// </remarks>
public static class TokenSecrets
{
    /// <summary>Personal API tokens start with this, so the request's scheme is known without parsing a JWT.</summary>
    public const string PersonalTokenPrefix = "pace_pat_";

    /// <summary>Length of the lookup prefix that follows <see cref="PersonalTokenPrefix"/> (stored, unique).</summary>
    public const int LookupPrefixLength = 12;

    private const string HashScheme = "sha256:";
    private const string LookupAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A new random secret: 32 bytes (256 bits), Base64url without padding (43 characters).</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of <paramref name="secret"/>.</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return HashScheme + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>Whether <paramref name="secret"/> matches <paramref name="storedHash"/>, in constant time.</summary>
    public static bool Verify(string secret, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(storedHash);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));
    }

    /// <summary>A new personal token: the full value (shown once), its lookup prefix, and the hash to store.</summary>
    public static (string Token, string Prefix, string Hash) NewPersonalToken()
    {
        var prefix = RandomNumberGenerator.GetString(LookupAlphabet, LookupPrefixLength);
        var secret = NewSecret();
        return (PersonalTokenPrefix + prefix + secret, prefix, Hash(secret));
    }

    /// <summary>Splits a presented personal token into its lookup prefix and secret; false when it is not one.</summary>
    public static bool TryParsePersonalToken(string? token, out string prefix, out string secret)
    {
        prefix = "";
        secret = "";
        if (token is null || !token.StartsWith(PersonalTokenPrefix, StringComparison.Ordinal)
            || token.Length < PersonalTokenPrefix.Length + LookupPrefixLength + 32 || token.Length > 200)
        {
            return false;
        }

        prefix = token.Substring(PersonalTokenPrefix.Length, LookupPrefixLength);
        secret = token[(PersonalTokenPrefix.Length + LookupPrefixLength)..];
        return prefix.All(c => LookupAlphabet.Contains(c, StringComparison.Ordinal));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The scopes machine clients and tokens may carry, and the rules for personal tokens.</summary>
public static class TokenScopes
{
    /// <summary>pace-ai calling the REST API and schema (INTF-AI-02).</summary>
    public const string Ai = "ai";

    /// <summary>pace-mcp calling the REST API (INTF-AI-03).</summary>
    public const string Mcp = "mcp";

    /// <summary>Read every record (the Salesforce adapter's export).</summary>
    public const string ExportRead = "export:read";

    /// <summary>Read the published inventory (the brokerage's website).</summary>
    public const string PortalRead = "portal:read";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { Ai, Mcp, ExportRead, PortalRead };

    public const int PersonalTokenDefaultDays = 90;

    public const int PersonalTokenMaxDays = 365;

    /// <summary>Parses a space- or comma-separated list; distinct, in order.</summary>
    public static string[] Parse(string? scopes) =>
        (scopes ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The first scope that is not a PACE scope, if any.</summary>
    public static string? FirstUnknown(IEnumerable<string> scopes) => scopes.FirstOrDefault(s => !Known.Contains(s));
}

/// <summary>Creates personal API tokens (the API and <c>./pace token create</c>): validation and the row to insert.</summary>
public static class PersonalTokenFactory
{
    /// <summary>
    /// Checks the request and builds the row. Returns the errors by field (<c>name</c>, <c>expiresInDays</c>,
    /// <c>scopes</c>) when it is invalid, else the entity (to add and save) and the token to show once.
    /// </summary>
    public static (PersonalToken? Entity, string? Token, Dictionary<string, string[]> Errors) Create(
        Guid userId, string? name, int? expiresInDays, IReadOnlyCollection<string>? scopes, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > 100)
        {
            errors["name"] = ["A name of 1 to 100 characters is required."];
        }

        var days = expiresInDays ?? TokenScopes.PersonalTokenDefaultDays;
        if (days is < 1 or > TokenScopes.PersonalTokenMaxDays)
        {
            errors["expiresInDays"] = [$"Must be between 1 and {TokenScopes.PersonalTokenMaxDays} days."];
        }

        var list = (scopes ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (TokenScopes.FirstUnknown(list) is { } unknown)
        {
            errors["scopes"] = [$"Unknown scope '{unknown}'. Known: {string.Join(", ", TokenScopes.Known.Order(StringComparer.Ordinal))}."];
        }

        if (errors.Count > 0)
        {
            return (null, null, errors);
        }

        var (token, prefix, hash) = TokenSecrets.NewPersonalToken();
        var entity = new PersonalToken
        {
            UserId = userId,
            Name = trimmed,
            Prefix = prefix,
            TokenHash = hash,
            Scopes = list,
            ExpiresAt = now.AddDays(days),
            CreatedAt = now,
            UpdatedAt = now,
        };
        return (entity, token, errors);
    }
}
