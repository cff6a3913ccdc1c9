using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Pace.Sandbox.Google;

/// <summary>The OAuth endpoints' error body: <c>{"error": "invalid_grant", "error_description": "…"}</c>.</summary>
public sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description);

/// <summary>The Google APIs' error envelope (<c>{"error": {"code", "message", "errors": [...], "status"}}</c>).</summary>
public sealed record GoogleApiError([property: JsonPropertyName("error")] GoogleApiErrorBody Error);

public sealed record GoogleApiErrorBody(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("errors")] IReadOnlyList<GoogleApiErrorItem> Errors,
    [property: JsonPropertyName("status")] string Status);

public sealed record GoogleApiErrorItem(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("location"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Location = null,
    [property: JsonPropertyName("locationType"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LocationType = null);

public static class GoogleErrors
{
    private const string AuthMessage =
        "Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.";

    public static JsonHttpResult<OAuthError> OAuth(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Json(new OAuthError(error, description), statusCode: status);

    public static JsonHttpResult<GoogleApiError> LoginRequired() => Api(
        StatusCodes.Status401Unauthorized,
        "Request is missing required authentication credential. " + AuthMessage,
        "UNAUTHENTICATED",
        new GoogleApiErrorItem("Login Required.", "global", "required", "Authorization", "header"));

    public static JsonHttpResult<GoogleApiError> InvalidCredentials() => Api(
        StatusCodes.Status401Unauthorized,
        "Request had invalid authentication credentials. " + AuthMessage,
        "UNAUTHENTICATED",
        new GoogleApiErrorItem("Invalid Credentials", "global", "authError", "Authorization", "header"));

    public static JsonHttpResult<GoogleApiError> InsufficientScopes() => Api(
        StatusCodes.Status403Forbidden,
        "Request had insufficient authentication scopes.",
        "PERMISSION_DENIED",
        new GoogleApiErrorItem("Insufficient Permission", "global", "insufficientPermissions"));

    public static JsonHttpResult<GoogleApiError> NotAuthorized() => Api(
        StatusCodes.Status403Forbidden,
        "Not Authorized to access this resource/api",
        "PERMISSION_DENIED",
        new GoogleApiErrorItem("Not Authorized to access this resource/api", "global", "forbidden"));

    public static JsonHttpResult<GoogleApiError> BadRequest(string message = "Bad Request", string reason = "badRequest") => Api(
        StatusCodes.Status400BadRequest,
        message,
        "INVALID_ARGUMENT",
        new GoogleApiErrorItem(message, "global", reason));

    private static JsonHttpResult<GoogleApiError> Api(int code, string message, string status, GoogleApiErrorItem item) =>
        TypedResults.Json(new GoogleApiError(new GoogleApiErrorBody(code, message, [item], status)), statusCode: code);

    /// <summary>What Google sends with a 401 from its APIs.</summary>
    public static void ChallengeBearer(HttpResponse response, string issuer) =>
        response.Headers.WWWAuthenticate = $"Bearer realm=\"{issuer}\", error=\"invalid_token\"";
}
