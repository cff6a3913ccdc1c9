using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pace.Sandbox.Google;

public static class GoogleScopes
{
    public const string OpenId = "openid";
    public const string Email = "email";
    public const string Profile = "profile";
    public const string UserInfoEmail = "https://www.googleapis.com/auth/userinfo.email";
    public const string UserInfoProfile = "https://www.googleapis.com/auth/userinfo.profile";
    public const string DirectoryUser = "https://www.googleapis.com/auth/admin.directory.user";
    public const string DirectoryUserReadonly = "https://www.googleapis.com/auth/admin.directory.user.readonly";
    public const string CloudPlatform = "https://www.googleapis.com/auth/cloud-platform";
    public const string ApiPrefix = "https://www.googleapis.com/auth/";
    public const string MailGoogleCom = "https://mail.google.com/";

    public static IReadOnlyList<string> Split(string? scope) =>
        string.IsNullOrWhiteSpace(scope) ? [] : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A scope Google would recognise: the OIDC short names or an API scope URL.</summary>
    public static bool IsKnown(string scope) =>
        scope is OpenId or Email or Profile or MailGoogleCom
        || (scope.StartsWith(ApiPrefix, StringComparison.Ordinal) && scope.Length > ApiPrefix.Length);

    /// <summary>
    /// What Google reports as granted: <c>email</c> and <c>profile</c> come back together with their userinfo scope
    /// URLs (<c>scope=email profile https://www.googleapis.com/auth/userinfo.email … openid</c>).
    /// </summary>
    public static IReadOnlyList<string> Granted(IReadOnlyList<string> requested)
    {
        var set = new HashSet<string>(requested, StringComparer.Ordinal);
        if (set.Contains(Email) || set.Contains(UserInfoEmail))
        {
            set.Add(Email);
            set.Add(UserInfoEmail);
        }

        if (set.Contains(Profile) || set.Contains(UserInfoProfile))
        {
            set.Add(Profile);
            set.Add(UserInfoProfile);
        }

        string[] leading = [Email, Profile, UserInfoEmail, UserInfoProfile];
        return leading.Where(set.Contains)
            .Concat(set.Where(s => !leading.Contains(s) && s != OpenId).Order(StringComparer.Ordinal))
            .Concat(set.Contains(OpenId) ? [OpenId] : [])
            .ToList();
    }

    public static bool GrantsEmail(IReadOnlyCollection<string> scopes) => scopes.Contains(Email) || scopes.Contains(UserInfoEmail);

    public static bool GrantsProfile(IReadOnlyCollection<string> scopes) => scopes.Contains(Profile) || scopes.Contains(UserInfoProfile);
}

/// <summary>
/// Where the twin's endpoints are, as the caller sees them. Google's hosts (accounts.google.com,
/// oauth2.googleapis.com, www.googleapis.com, admin.googleapis.com) all collapse onto one base URL.
/// </summary>
public sealed record GoogleEndpoints(string BaseUrl, string Issuer)
{
    public const string BasePath = "/google";

    /// <summary>What Google's token endpoint accepts as the <c>aud</c> of a service-account assertion.</summary>
    public static readonly IReadOnlyList<string> GoogleTokenAudiences =
        ["https://oauth2.googleapis.com/token", "https://www.googleapis.com/oauth2/v4/token", "https://accounts.google.com/o/oauth2/token"];

    public string Discovery => BaseUrl + "/.well-known/openid-configuration";

    public string Authorization => BaseUrl + "/o/oauth2/v2/auth";

    public string Token => BaseUrl + "/token";

    public string UserInfo => BaseUrl + "/oauth2/v3/userinfo";

    public string Revocation => BaseUrl + "/revoke";

    public string Jwks => BaseUrl + "/oauth2/v3/certs";

    public string Photo(string subject, string initials) => $"{BaseUrl}/_sandbox/photos/{subject}/{initials}.svg";

    public static GoogleEndpoints For(HttpContext context, GoogleSandboxOptions options)
    {
        var request = context.Request;
        var baseUrl = string.IsNullOrEmpty(options.PublicBaseUrl)
            ? $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}{BasePath}"
            : options.PublicBaseUrl.TrimEnd('/');
        return new GoogleEndpoints(baseUrl, string.IsNullOrEmpty(options.Issuer) ? baseUrl : options.Issuer.TrimEnd('/'));
    }
}

public static class GoogleIds
{
    /// <summary>
    /// A Google account id: 21 digits, stable for an address (the same value is the OIDC <c>sub</c> and the Directory
    /// user <c>id</c>, as at Google).
    /// </summary>
    public static string SubjectFor(string email)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(NormalizeEmail(email)));
        var value = BinaryPrimitives.ReadUInt64BigEndian(hash);
        return "1" + value.ToString("D20", CultureInfo.InvariantCulture);
    }

    // Google addresses are case-insensitive and Google reports them in lower case.
#pragma warning disable CA1308 // Lower case is the canonical form of an email address, not a comparison key.
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
#pragma warning restore CA1308

    public static string DomainOf(string email) => email[(email.LastIndexOf('@') + 1)..];

    /// <summary>A random token in Google's shape: codes start <c>4/0</c>, access tokens <c>ya29.</c>, refresh tokens <c>1//0</c>.</summary>
    public static string NewToken(string prefix, int bytes = 48) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>A name for an address outside the directory: <c>sara.al-mansoori@x</c> → Sara / Al Mansoori.</summary>
    public static (string Given, string? Family) NameFromEmail(string email)
    {
        var local = email[..email.IndexOf('@', StringComparison.Ordinal)];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0)
        {
            local = local[..plus];
        }

        var words = local.Split(['.', '_', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..])
            .ToArray();
        return words.Length switch
        {
            0 => (local, null),
            1 => (words[0], null),
            _ => (words[0], string.Join(' ', words[1..])),
        };
    }

    public static string Initials(string given, string? family)
    {
        var letters = new[] { given, family }
            .Where(s => !string.IsNullOrEmpty(s))
            .Select(s => char.ToUpperInvariant(s![0]))
            .Where(char.IsAsciiLetterUpper)
            .ToArray();
        return letters.Length == 0 ? "G" : new string(letters);
    }

    /// <summary>RFC 7636 code verifier / challenge alphabet and length.</summary>
    public static bool IsPkceValue(string value) =>
        value.Length is >= 43 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    public static string S256(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>A short non-secret handle of a token for the inspection log.</summary>
    public static string Fingerprint(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16];
}
