namespace Pace.Identity;

/// <summary>
/// An RS256 key pace-web signs machine tokens with. The private key is encrypted at rest; the public half is
/// published at <c>/.well-known/jwks.json</c> from <see cref="NotBefore"/> until <see cref="ExpiresAt"/>, so tokens
/// signed before a rotation stay valid until they expire.
/// </summary>
public sealed class SigningKey
{
    /// <summary>The JWT <c>kid</c>.</summary>
    public required string Id { get; set; }

    public required string Algorithm { get; set; }

    /// <summary>The public key as a JWK (JSON).</summary>
    public required string PublicJwk { get; set; }

    /// <summary>The private key (PKCS#8), encrypted with the key-encryption key of the deployment.</summary>
    public required byte[] PrivateKeyEncrypted { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>From when tokens are signed with it.</summary>
    public DateTimeOffset NotBefore { get; set; }

    /// <summary>When it leaves the JWKS; no token signed with it outlives this.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>An ASP.NET Core Data Protection key (cookies, antiforgery), shared by every replica through the database.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public required string Xml { get; set; }
}
