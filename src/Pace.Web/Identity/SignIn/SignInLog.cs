namespace Pace.Web.Identity.SignIn;

internal static partial class SignInLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Signed in {UserId} (session {SessionId})")]
    public static partial void SignedIn(ILogger logger, string? userId, string? sessionId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Sign-in refused: {Reason} ({Detail})")]
    public static partial void Refused(ILogger logger, string reason, string? detail, Exception? exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Session rejected: revoked, expired or user deactivated")]
    public static partial void SessionRejected(ILogger logger);
}
