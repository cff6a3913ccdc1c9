using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Pace.Web.Identity.SignIn;

/// <summary>
/// Google sign-in (<c>Identity:Google</c>): the OpenID provider (Google, or the sandbox's twin locally), our OAuth
/// client and the Workspace domains whose accounts may sign in. Google or the twin is chosen by configuration alone.
/// </summary>
public sealed class GoogleSignInOptions : IValidatableObject
{
    public const string Section = "Identity:Google";

    /// <summary>
    /// The provider's base URL: <c>https://accounts.google.com</c>, or <c>http://127.0.0.1:8090/google</c> for the
    /// sandbox. Discovery is read from <c>{Authority}/.well-known/openid-configuration</c> unless
    /// <see cref="MetadataAddress"/> is set.
    /// </summary>
    [Required]
    public string Authority { get; set; } = "";

    public string? MetadataAddress { get; set; }

    /// <summary>Google: <c>https://accounts.google.com/o/oauth2/v2/auth</c>; the sandbox: <c>{Authority}/o/oauth2/v2/auth</c>.</summary>
    [Required]
    public string AuthorizationEndpoint { get; set; } = "";

    /// <summary>Google: <c>https://oauth2.googleapis.com/token</c>; the sandbox: <c>{Authority}/token</c>.</summary>
    [Required]
    public string TokenEndpoint { get; set; } = "";

    /// <summary>The <c>iss</c> values an ID token may carry (Google uses both forms). Empty: the authority itself.</summary>
    public List<string> ValidIssuers { get; set; } = [];

    [Required]
    public string ClientId { get; set; } = "";

    /// <summary>From env <c>Identity__Google__ClientSecret</c> in production; never in git outside the sandbox's.</summary>
    [Required]
    public string ClientSecret { get; set; } = "";

    /// <summary>The Workspace domains (<c>hd</c>) whose accounts may sign in. The first is sent as the <c>hd</c> hint.</summary>
    [MinLength(1)]
    public List<string> WorkspaceDomains { get; set; } = [];

    public string CallbackPath { get; set; } = "/signin-google";

    /// <summary>Tolerated clock difference with the provider when checking an ID token's times.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    public string DiscoveryAddress =>
        string.IsNullOrWhiteSpace(MetadataAddress) ? Authority.TrimEnd('/') + "/.well-known/openid-configuration" : MetadataAddress;

    public IReadOnlyList<string> Issuers => ValidIssuers.Count > 0 ? ValidIssuers : [Authority.TrimEnd('/')];

    /// <summary>The provider's origin, for the Content-Security-Policy.</summary>
    public string AuthorityOrigin => new Uri(Authority, UriKind.Absolute).GetLeftPart(UriPartial.Authority);

    /// <summary>Plain HTTP is allowed only for a provider on this machine (the sandbox).</summary>
    public static bool IsAcceptableUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)));

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsAcceptableUrl(Authority))
        {
            yield return new ValidationResult($"{Section}:Authority '{Authority}' must be an https URL (http only on loopback).", [nameof(Authority)]);
        }

        if (!string.IsNullOrWhiteSpace(MetadataAddress) && !IsAcceptableUrl(MetadataAddress))
        {
            yield return new ValidationResult($"{Section}:MetadataAddress '{MetadataAddress}' must be an https URL (http only on loopback).", [nameof(MetadataAddress)]);
        }

        if (WorkspaceDomains.Any(d => Uri.CheckHostName(d) != UriHostNameType.Dns || !d.Contains('.', StringComparison.Ordinal)))
        {
            yield return new ValidationResult($"{Section}:WorkspaceDomains holds a value that is not a domain name.", [nameof(WorkspaceDomains)]);
        }

        if (!CallbackPath.StartsWith('/'))
        {
            yield return new ValidationResult($"{Section}:CallbackPath must start with '/'.", [nameof(CallbackPath)]);
        }
    }
}

/// <summary>Browser sessions and the defences of the sign-in endpoints (<c>Identity:SignIn</c>).</summary>
public sealed class SignInOptions
{
    public const string Section = "Identity:SignIn";

    /// <summary>A session unused for this long ends; each request pushes it forward (sliding).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>No session outlives this from its sign-in, however active.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Sign-in requests (challenge and callback) one IP address may make per <see cref="RateLimitWindow"/>.</summary>
    [Range(1, 10_000)]
    public int RateLimitPermits { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>After this many refused sign-ins for one address within <see cref="LockoutWindow"/>, it is locked out.</summary>
    [Range(1, 1000)]
    public int LockoutThreshold { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan LockoutWindow { get; set; } = TimeSpan.FromMinutes(15);
}
