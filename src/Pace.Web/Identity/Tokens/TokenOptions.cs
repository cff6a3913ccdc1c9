namespace Pace.Web.Identity.Tokens;

/// <summary>The Authenticator's settings (section <c>Tokens</c>).</summary>
public sealed class TokenOptions
{
    public const string Section = "Tokens";

    public const string KeyEncryptionKeyMessage =
        "Tokens:KeyEncryptionKey (env Tokens__KeyEncryptionKey) is missing or is not 32 bytes in Base64 (make one with: openssl rand -base64 32)";

    /// <summary>
    /// 32 bytes (Base64) that encrypt the private signing keys at rest (AES-256-GCM). A secret: never logged, never in
    /// git; losing it only means new signing keys are made (tokens are short-lived).
    /// </summary>
    public string KeyEncryptionKey { get; set; } = "";

    /// <summary>The <c>iss</c> of the tokens; by default the first address pace-web listens on (<c>Urls</c>).</summary>
    public string? Issuer { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a user assertion (browser session → pace-ai → token exchange) lives.</summary>
    public TimeSpan UserAssertionLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A new signing key becomes active this often; the previous stays published until its tokens expired.</summary>
    public TimeSpan KeyRotationPeriod { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests to <c>/oauth/token</c> per minute from one IP address.</summary>
    public int TokenRequestsPerMinutePerIp { get; set; } = 60;

    /// <summary>Requests to <c>/oauth/token</c> per minute naming one client id (slows guessing a client's secret).</summary>
    public int TokenRequestsPerMinutePerClient { get; set; } = 20;

    internal byte[] KeyEncryptionKeyBytes() => Convert.FromBase64String(KeyEncryptionKey);

    internal static bool IsValidKeyEncryptionKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var buffer = new byte[64];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written == 32;
    }
}
