using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Pace.Sandbox.Google;

/// <summary>An RS256 key the twin signs ID tokens with, and its public half as a JWK.</summary>
public sealed class SigningKey
{
    public SigningKey(RSA rsa, DateTimeOffset createdAt)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        // Google's key ids are 40 hex digits; derive ours from the modulus so a key always has the same id.
        KeyId = Convert.ToHexStringLower(SHA256.HashData(parameters.Modulus!))[..40];
        SecurityKey = new RsaSecurityKey(rsa) { KeyId = KeyId };
        Credentials = new SigningCredentials(SecurityKey, SecurityAlgorithms.RsaSha256);
        Modulus = Base64UrlEncoder.Encode(parameters.Modulus);
        Exponent = Base64UrlEncoder.Encode(parameters.Exponent);
        CreatedAt = createdAt;
    }

    public string KeyId { get; }

    public RsaSecurityKey SecurityKey { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>The JWK <c>n</c>.</summary>
    public string Modulus { get; }

    /// <summary>The JWK <c>e</c>.</summary>
    public string Exponent { get; }

    public DateTimeOffset CreatedAt { get; }

    public static SigningKey Generate(DateTimeOffset now) => new(RSA.Create(2048), now);
}

public sealed record SigningKeySet(SigningKey Current, SigningKey Previous, DateTimeOffset NextRotation);

/// <summary>
/// Two published keys, as Google publishes: the current one signs, the previous one still verifies what it signed.
/// Every <see cref="GoogleSandboxOptions.KeyRotationInterval"/> (measured on the injected clock, checked whenever
/// the keys are used, so no timer runs) and on demand, a fresh key becomes current and the oldest drops out.
/// </summary>
public sealed class SigningKeyRing
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger<SigningKeyRing> _logger;
    private SigningKey _current;
    private SigningKey _previous;
    private DateTimeOffset _rotatedAt;

    public SigningKeyRing(IOptions<GoogleSandboxOptions> options, TimeProvider time, ILogger<SigningKeyRing> logger)
    {
        _time = time;
        _interval = options.Value.KeyRotationInterval;
        _logger = logger;
        _rotatedAt = time.GetUtcNow();
        _previous = SigningKey.Generate(_rotatedAt);
        _current = SigningKey.Generate(_rotatedAt);
    }

    public SigningKeySet Keys()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var due = (long)((now - _rotatedAt) / _interval);
            if (due > 0)
            {
                // Only the last two keys matter; more than two missed rotations replace both.
                for (var i = 0; i < Math.Min(due, 2); i++)
                {
                    RotateLocked(now);
                }

                _rotatedAt += _interval * due;
            }

            return new SigningKeySet(_current, _previous, _rotatedAt + _interval);
        }
    }

    /// <summary>Makes a fresh key current now; the schedule restarts from this moment.</summary>
    public SigningKeySet Rotate()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            RotateLocked(now);
            _rotatedAt = now;
            return new SigningKeySet(_current, _previous, _rotatedAt + _interval);
        }
    }

    private void RotateLocked(DateTimeOffset now)
    {
        // The dropped key is not disposed: a request may still be signing with it, and the GC finalizes it.
        _previous = _current;
        _current = SigningKey.Generate(now);
        GoogleLog.KeysRotated(_logger, _current.KeyId, _previous.KeyId);
    }
}
