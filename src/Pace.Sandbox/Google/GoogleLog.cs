
namespace Pace.Sandbox.Google;

/// <summary>The Google twin's log messages. Addresses are demo data; tokens, codes and secrets are never logged.</summary>
internal static partial class GoogleLog
{
    [LoggerMessage(EventId = 9100, Level = LogLevel.Information, Message = "Google sandbox directory seeded with {Count} accounts of {Domains}")]
    public static partial void DirectorySeeded(ILogger logger, int count, string domains);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Google sandbox seed account {Email} is outside the Workspace domains and was skipped")]
    public static partial void SeedUserOutsideWorkspace(ILogger logger, string email);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Warning, Message = "Google sandbox seed account {Email} appears twice; the first is kept")]
    public static partial void SeedUserDuplicate(ILogger logger, string email);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Information, Message = "Google sandbox directory: {Email} {Change}")]
    public static partial void DirectoryChanged(ILogger logger, string change, string email);

    [LoggerMessage(EventId = 9110, Level = LogLevel.Information, Message = "Google sandbox: {Email} signed in to {ClientId} (directory account: {InDirectory})")]
    public static partial void SignedIn(ILogger logger, string email, string clientId, bool inDirectory);

    [LoggerMessage(EventId = 9111, Level = LogLevel.Information, Message = "Google sandbox issued tokens ({GrantType}) to {ClientId} for {Email}")]
    public static partial void UserTokenIssued(ILogger logger, string grantType, string clientId, string email);

    [LoggerMessage(EventId = 9112, Level = LogLevel.Information, Message = "Google sandbox issued an access token to service account {ServiceAccount} acting as {Subject} for {Scopes}")]
    public static partial void ServiceAccountTokenIssued(ILogger logger, string serviceAccount, string subject, string scopes);

    [LoggerMessage(EventId = 9113, Level = LogLevel.Information, Message = "Google sandbox refused a token request ({GrantType}) from {Client}: {Error} {Description}")]
    public static partial void TokenRefused(ILogger logger, string grantType, string client, string error, string description);

    [LoggerMessage(EventId = 9120, Level = LogLevel.Information, Message = "Google sandbox signing key rotated: {CurrentKeyId} signs, {PreviousKeyId} still verifies")]
    public static partial void KeysRotated(ILogger logger, string currentKeyId, string previousKeyId);
}
