using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Pace.Data;
using Pace.Identity;

namespace Pace.Web.Identity.Tokens;

/// <summary>
/// The RS256 keys in <c>signing_keys</c>: makes the first one, rotates every <see cref="TokenOptions.KeyRotationPeriod"/>
/// (on demand, when a token is signed after the period), keeps every key published until the last token it signed has
/// expired, and caches them so validating a token needs no database round trip. Key creation is serialised across
/// replicas by a PostgreSQL advisory lock, so two replicas never both create a key.
/// </summary>
public sealed partial class SigningKeyStore(
    IServiceScopeFactory scopes, IOptions<TokenOptions> options, TimeProvider clock, ILogger<SigningKeyStore> logger) : IDisposable
{
    /// <summary>Arbitrary, fixed: the advisory lock that serialises key creation (any replica, any process).</summary>
    private const long CreationLock = 0x7061_6365_6B65_7973; // "pacekeys"

    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan UnknownKidReloadInterval = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, RsaSecurityKey> _privateKeys = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reload = new(1, 1);
    private Snapshot? _snapshot;

    private TokenOptions Options => options.Value;

    /// <summary>The credentials to sign with now: the active key, created or rotated first when due.</summary>
    public async Task<SigningCredentials> GetSigningCredentialsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var active = Active(await GetSnapshotAsync(cancellationToken), now);
        if (active is null)
        {
            await EnsureActiveKeyAsync(cancellationToken);
            active = Active(await ReloadAsync(cancellationToken), now)
                ?? throw new InvalidOperationException("No active signing key after creating one.");
        }

        var key = _privateKeys.GetOrAdd(active.Id, _ => LoadPrivateKey(active));
        return new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>The public keys tokens are checked against; an unknown <paramref name="keyId"/> (another replica just rotated) reloads.</summary>
    public async Task<IReadOnlyList<SecurityKey>> GetValidationKeysAsync(string? keyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var snapshot = await GetSnapshotAsync(cancellationToken);
        if (keyId is not null && snapshot.Keys.All(k => k.Row.Id != keyId) && now - snapshot.LoadedAt > UnknownKidReloadInterval)
        {
            snapshot = await ReloadAsync(cancellationToken);
        }

        return snapshot.Keys.Where(k => k.Row.ExpiresAt > now).Select(k => (SecurityKey)k.Public).ToList();
    }

    /// <summary>The public keys to publish at <c>/.well-known/jwks.json</c> (every key not yet expired).</summary>
    public async Task<IReadOnlyList<JsonElement>> GetPublishedAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var snapshot = await GetSnapshotAsync(cancellationToken);
        if (Active(snapshot, now) is null)
        {
            await EnsureActiveKeyAsync(cancellationToken);
            snapshot = await ReloadAsync(cancellationToken);
        }

        return snapshot.Keys.Where(k => k.Row.ExpiresAt > now).OrderByDescending(k => k.Row.NotBefore)
            .Select(k => JsonSerializer.Deserialize<JsonElement>(k.Row.PublicJwk)).ToList();
    }

    /// <summary>Creates a key when none may sign now. Safe with several replicas (advisory lock, then re-check).</summary>
    public async Task EnsureActiveKeyAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaceDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CreationLock})", cancellationToken);
        var now = clock.GetUtcNow();
        var rows = await db.SigningKeys.AsNoTracking().Where(k => k.ExpiresAt > now).ToListAsync(cancellationToken);
        if (rows.Any(k => MaySign(k, now)))
        {
            return;
        }

        var key = NewKey(now);
        db.SigningKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogKeyCreated(logger, key.Id, key.ExpiresAt);
    }

    private bool MaySign(SigningKey key, DateTimeOffset now) =>
        key.NotBefore <= now && now < key.NotBefore + Options.KeyRotationPeriod && now + Options.AccessTokenLifetime < key.ExpiresAt;

    private SigningKey? Active(Snapshot snapshot, DateTimeOffset now) =>
        snapshot.Keys.Select(k => k.Row).Where(k => MaySign(k, now)).MaxBy(k => k.NotBefore);

    private async Task<Snapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        return snapshot is not null && clock.GetUtcNow() - snapshot.LoadedAt < CacheFor ? snapshot : await ReloadAsync(cancellationToken);
    }

    private async Task<Snapshot> ReloadAsync(CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PaceDbContext>();
            var now = clock.GetUtcNow();
            var rows = await db.SigningKeys.AsNoTracking().Where(k => k.ExpiresAt > now).ToListAsync(cancellationToken);
            var snapshot = new Snapshot(rows.Select(r => new LoadedKey(r, new JsonWebKey(r.PublicJwk))).ToList(), now);
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }
        finally
        {
            _reload.Release();
        }
    }

    private SigningKey NewKey(DateTimeOffset now)
    {
        using var rsa = RSA.Create(2048);
        var id = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var jwk = JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["kty"] = "RSA",
            ["kid"] = id,
            ["alg"] = SecurityAlgorithms.RsaSha256,
            ["use"] = "sig",
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        });
        var pkcs8 = rsa.ExportPkcs8PrivateKey();
        try
        {
            return new SigningKey
            {
                Id = id,
                Algorithm = SecurityAlgorithms.RsaSha256,
                PublicJwk = jwk,
                PrivateKeyEncrypted = KeyEncryption.Encrypt(Options.KeyEncryptionKeyBytes(), pkcs8, id),
                CreatedAt = now,
                NotBefore = now,
                // Signs until the next rotation; a token signed at the last moment lives AccessTokenLifetime more.
                ExpiresAt = now + Options.KeyRotationPeriod + Options.AccessTokenLifetime + Options.ClockSkew + TimeSpan.FromMinutes(1),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private RsaSecurityKey LoadPrivateKey(SigningKey row)
    {
        var pkcs8 = KeyEncryption.Decrypt(Options.KeyEncryptionKeyBytes(), row.PrivateKeyEncrypted, row.Id);
        try
        {
            // Kept for the life of the process, as the cache of the key it signs with.
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return new RsaSecurityKey(rsa) { KeyId = row.Id };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    public void Dispose() => _reload.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "created signing key {KeyId} (published until {ExpiresAt})")]
    private static partial void LogKeyCreated(ILogger logger, string keyId, DateTimeOffset expiresAt);

    private sealed record LoadedKey(SigningKey Row, JsonWebKey Public);

    private sealed record Snapshot(IReadOnlyList<LoadedKey> Keys, DateTimeOffset LoadedAt);
}
