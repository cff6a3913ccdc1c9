using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Pace.Sandbox.Google;

/// <summary>A registered service account: its public key for verifying assertions, and its private key when the twin made it.</summary>
public sealed class ServiceAccount
{
    internal ServiceAccount(GoogleServiceAccountOptions options)
    {
        Options = options;
        var rsa = RSA.Create(2048);
        var pem = !string.IsNullOrWhiteSpace(options.PrivateKeyPem) ? options.PrivateKeyPem : options.PublicKeyPem;
        if (!string.IsNullOrWhiteSpace(pem))
        {
            rsa.ImportFromPem(pem);
        }

        var hasPrivateKey = string.IsNullOrWhiteSpace(options.PublicKeyPem);
        PrivateKeyPem = hasPrivateKey ? rsa.ExportPkcs8PrivateKeyPem() : null;
        var modulus = rsa.ExportParameters(includePrivateParameters: false).Modulus!;
        PrivateKeyId = string.IsNullOrWhiteSpace(options.PrivateKeyId)
            ? Convert.ToHexStringLower(SHA256.HashData(modulus))[..40]
            : options.PrivateKeyId;
        using (var publicOnly = RSA.Create())
        {
            publicOnly.ImportSubjectPublicKeyInfo(rsa.ExportSubjectPublicKeyInfo(), out _);
            PublicKey = new RsaSecurityKey(publicOnly.ExportParameters(includePrivateParameters: false)) { KeyId = PrivateKeyId };
        }

        rsa.Dispose();
        DelegatedScopes = new HashSet<string>(options.DelegatedScopes, StringComparer.Ordinal);
    }

    public GoogleServiceAccountOptions Options { get; }

    public string ClientEmail => Options.ClientEmail;

    public string PrivateKeyId { get; }

    public RsaSecurityKey PublicKey { get; }

    /// <summary>PKCS#8 PEM, or null when only the public key was configured.</summary>
    public string? PrivateKeyPem { get; }

    public IReadOnlySet<string> DelegatedScopes { get; }

    /// <summary>The key file in the format the Cloud console downloads (what <c>GoogleCredential.FromJson</c> reads).</summary>
    public ServiceAccountKeyFile? KeyFile(GoogleEndpoints endpoints) => PrivateKeyPem is null
        ? null
        : new ServiceAccountKeyFile(
            "service_account",
            Options.ProjectId,
            PrivateKeyId,
            PrivateKeyPem,
            ClientEmail,
            Options.ClientId,
            endpoints.Authorization,
            endpoints.Token,
            "googleapis.com");
}

public sealed record ServiceAccountKeyFile(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("project_id")] string ProjectId,
    [property: JsonPropertyName("private_key_id")] string PrivateKeyId,
    [property: JsonPropertyName("private_key")] string PrivateKey,
    [property: JsonPropertyName("client_email")] string ClientEmail,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("auth_uri")] string AuthUri,
    [property: JsonPropertyName("token_uri")] string TokenUri,
    [property: JsonPropertyName("universe_domain")] string UniverseDomain);

public sealed class ServiceAccountRegistry(IOptions<GoogleSandboxOptions> options)
{
    private readonly Lazy<IReadOnlyList<ServiceAccount>> _accounts = new(() =>
        options.Value.ServiceAccounts.Select(o => new ServiceAccount(o)).ToList());

    public IReadOnlyList<ServiceAccount> All => _accounts.Value;

    public ServiceAccount? Find(string? clientEmail) =>
        clientEmail is null ? null : All.FirstOrDefault(a => string.Equals(a.ClientEmail, clientEmail, StringComparison.OrdinalIgnoreCase));
}
