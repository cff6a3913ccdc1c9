namespace Pace.Web.Identity.SignIn;

/// <summary>Why a sign-in was refused: the audited reason, the page's status and what it tells the person.</summary>
public sealed record SignInRefusal(string Code, int Status, string Title, string Explanation)
{
    public static readonly SignInRefusal WrongDomain = new(
        "wrong_domain", StatusCodes.Status403Forbidden, "This Google account is not a brokerage account",
        "PACE accepts only the brokerage's Google Workspace accounts. Sign in again and choose your work account.");

    public static readonly SignInRefusal UnknownUser = new(
        "unknown_user", StatusCodes.Status403Forbidden, "You do not have a PACE account yet",
        "Your Google account is valid, but no PACE user has this address. Ask an administrator to add you.");

    public static readonly SignInRefusal Deactivated = new(
        "deactivated", StatusCodes.Status403Forbidden, "Your PACE account is deactivated",
        "An administrator has deactivated this account. Ask an administrator if you think this is a mistake.");

    public static readonly SignInRefusal SubjectMismatch = new(
        "subject_mismatch", StatusCodes.Status403Forbidden, "This Google account does not match your PACE account",
        "Your address is bound to a different Google account than the one you signed in with. Ask an administrator.");

    public static readonly SignInRefusal EmailNotVerified = new(
        "email_not_verified", StatusCodes.Status403Forbidden, "Google has not verified this address",
        "PACE accepts only addresses Google has verified.");

    public static readonly SignInRefusal LockedOut = new(
        "locked_out", StatusCodes.Status403Forbidden, "Too many refused sign-ins",
        "Sign-in for this address is paused after several refused attempts. Try again later, or ask an administrator.");

    public static readonly SignInRefusal ExpiredToken = new(
        "expired_token", StatusCodes.Status400BadRequest, "Your sign-in expired",
        "Google's answer was too old to accept. Sign in again.");

    public static readonly SignInRefusal InvalidToken = new(
        "invalid_token", StatusCodes.Status400BadRequest, "Google's answer could not be verified",
        "PACE could not verify the identity token it received, so it did not sign you in. Sign in again.");

    public static readonly SignInRefusal NonceMismatch = new(
        "nonce_mismatch", StatusCodes.Status400BadRequest, "This sign-in does not belong to this browser",
        "The identity token was issued for a different sign-in attempt. Sign in again.");

    public static readonly SignInRefusal StateMismatch = new(
        "state_mismatch", StatusCodes.Status400BadRequest, "This sign-in link expired or was already used",
        "Each sign-in can be completed once, in the browser that started it. Sign in again.");

    public static readonly SignInRefusal ProviderError = new(
        "provider_error", StatusCodes.Status400BadRequest, "Google did not complete the sign-in",
        "Google refused or cancelled the sign-in. Sign in again.");

    /// <summary>Not a sign-in refusal: a signed-in person opened a page their role does not allow.</summary>
    public static readonly SignInRefusal Forbidden = new(
        "forbidden", StatusCodes.Status403Forbidden, "You do not have access to this page",
        "Your role does not include this part of PACE. Ask your manager or an administrator if you need it.");

    private static readonly SignInRefusal[] All =
    [
        WrongDomain, UnknownUser, Deactivated, SubjectMismatch, EmailNotVerified, LockedOut, ExpiredToken, InvalidToken,
        NonceMismatch, StateMismatch, ProviderError,
    ];

    /// <summary>The refusal a code names; an unknown code reads as a generic failure (the page's query is public).</summary>
    public static SignInRefusal FromCode(string? code) =>
        All.FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.Ordinal)) ?? ProviderError;
}

/// <summary>Thrown inside the Google handler to stop a sign-in; the handler's remote-failure event turns it into the page.</summary>
public sealed class SignInRefusedException : Exception
{
    public SignInRefusedException(SignInRefusal refusal, string? email, string? detail = null)
        : base($"Sign-in refused: {refusal.Code}{(detail is null ? "" : ": " + detail)}")
    {
        Refusal = refusal;
        Email = email;
        Detail = detail;
    }

    public SignInRefusedException()
        : this(SignInRefusal.ProviderError, null)
    {
    }

    public SignInRefusedException(string message)
        : this(SignInRefusal.ProviderError, null, message)
    {
    }

    public SignInRefusedException(string message, Exception innerException)
        : base(message, innerException) => Refusal = SignInRefusal.ProviderError;

    public SignInRefusal Refusal { get; }

    public string? Email { get; }

    public string? Detail { get; }
}
