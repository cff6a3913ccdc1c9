using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Pace.Sandbox.Google;

/// <summary>
/// The Google twin (<c>Sandbox:Google</c>): the Workspace domains it hosts, the OAuth clients and service accounts
/// registered with it, token lifetimes and signing-key rotation. Empty lists fall back to the demo set
/// (<see cref="GoogleSandboxDefaults"/>), so the twin works with no configuration at all.
/// </summary>
public sealed class GoogleSandboxOptions
{
    public const string Section = "Sandbox:Google";

    /// <summary>
    /// The <c>iss</c> of ID tokens and of the discovery document. Unset: the twin's base URL as the caller reached it
    /// (<c>http://127.0.0.1:8090/google</c>). Set it to <c>https://accounts.google.com</c> to exercise a client that
    /// pins Google's issuer.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// The base URL the twin advertises its endpoints under (discovery, <c>token_uri</c> of the service-account key).
    /// Unset: derived from each request's scheme and host plus <c>/google</c>.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Domains of the sandbox Workspace: their accounts carry <c>hd</c> and appear in the Directory API.</summary>
    public List<string> WorkspaceDomains { get; set; } = [];

    /// <summary>
    /// A JSON file of <see cref="WorkspaceUser"/>s that seeds the directory (<c>./pace run</c> writes the demo
    /// brokerage's staff there); unset, the directory starts with the fixed demo accounts.
    /// </summary>
    public string? DirectoryFile { get; set; }

    /// <summary>The Workspace customer id (<c>customerId</c> of directory users; <c>my_customer</c> resolves to it).</summary>
    public string CustomerId { get; set; } = GoogleSandboxDefaults.CustomerId;

    /// <summary>Registered OAuth web clients (Cloud console "OAuth 2.0 Client IDs").</summary>
    public List<GoogleOAuthClientOptions> Clients { get; set; } = [];

    /// <summary>Service accounts, each with the scopes granted to it by domain-wide delegation.</summary>
    public List<GoogleServiceAccountOptions> ServiceAccounts { get; set; } = [];

    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Google answers <c>expires_in: 3599</c>.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromSeconds(3599);

    public TimeSpan IdTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a signing key signs before the next one replaces it (it is still published for one more interval).</summary>
    public TimeSpan KeyRotationInterval { get; set; } = TimeSpan.FromHours(6);
}

public sealed class GoogleOAuthClientOptions
{
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The application name the sign-in page shows ("to continue to …").</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Authorized redirect URIs; a request must match one exactly, as at Google.</summary>
    public List<string> RedirectUris { get; set; } = [];
}

public sealed class GoogleServiceAccountOptions
{
    public string ClientEmail { get; set; } = "";

    /// <summary>The numeric OAuth client id of the service account (what an admin authorizes for delegation).</summary>
    public string ClientId { get; set; } = "";

    public string ProjectId { get; set; } = "";

    /// <summary>The key id (<c>private_key_id</c>, the <c>kid</c> of assertions). Unset: derived from the key.</summary>
    public string? PrivateKeyId { get; set; }

    /// <summary>
    /// A PKCS#8 or PKCS#1 RSA private key (PEM) to keep the key stable across restarts. With neither this nor
    /// <see cref="PublicKeyPem"/>, the twin generates a key pair at start-up and offers its key file at
    /// <c>/google/_sandbox/service-account.json</c>.
    /// </summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>Only the public key (PEM): assertions are verified with it and no key file is offered.</summary>
    public string? PublicKeyPem { get; set; }

    /// <summary>Scopes the Workspace admin granted this client id for domain-wide delegation.</summary>
    public List<string> DelegatedScopes { get; set; } = [];
}

/// <summary>The demo Google Workspace of the brokerage, used wherever configuration leaves a list empty.</summary>
public static class GoogleSandboxDefaults
{
    public const string WorkspaceDomain = "allsop.example";
    public const string CustomerId = "C03pace0sbx";
    public const string WebClientId = "pace-web.apps.sandbox.example";
    public const string WebClientSecret = "sandbox-secret";
    public const string WebRedirectUri = "http://127.0.0.1:8080/signin-google";
    public const string ServiceAccountEmail = "pace-sandbox@pace-sandbox.iam.gserviceaccount.com";

    public static GoogleOAuthClientOptions WebClient() => new()
    {
        ClientId = WebClientId,
        ClientSecret = WebClientSecret,
        DisplayName = "PACE",
        RedirectUris = [WebRedirectUri],
    };

    public static GoogleServiceAccountOptions ServiceAccount() => new()
    {
        ClientEmail = ServiceAccountEmail,
        ClientId = "104257930184260375112",
        ProjectId = "pace-sandbox",
        DelegatedScopes =
        [
            GoogleScopes.DirectoryUserReadonly,
            "https://www.googleapis.com/auth/gmail.send",
            "https://www.googleapis.com/auth/calendar",
            "https://www.googleapis.com/auth/calendar.events",
        ],
    };
}

/// <summary>Fills empty lists with the demo Workspace, so a bare host still has a domain, a client and a service account.</summary>
internal sealed class GoogleSandboxDefaultsSetup : IPostConfigureOptions<GoogleSandboxOptions>
{
    public void PostConfigure(string? name, GoogleSandboxOptions options)
    {
        if (options.WorkspaceDomains.Count == 0)
        {
            options.WorkspaceDomains.Add(GoogleSandboxDefaults.WorkspaceDomain);
        }

        if (options.Clients.Count == 0)
        {
            options.Clients.Add(GoogleSandboxDefaults.WebClient());
        }

        if (options.ServiceAccounts.Count == 0)
        {
            options.ServiceAccounts.Add(GoogleSandboxDefaults.ServiceAccount());
        }
    }
}

/// <summary>Start-up validation: every failure names the setting, so a typo ends start-up with one clear line.</summary>
internal sealed class GoogleSandboxOptionsValidator : IValidateOptions<GoogleSandboxOptions>
{
    private const string S = GoogleSandboxOptions.Section;

    public ValidateOptionsResult Validate(string? name, GoogleSandboxOptions options)
    {
        var failures = new List<string>();
        CheckUrl(options.Issuer, $"{S}:Issuer", failures);
        CheckUrl(options.PublicBaseUrl, $"{S}:PublicBaseUrl", failures);

        if (options.WorkspaceDomains.Count == 0)
        {
            failures.Add($"{S}:WorkspaceDomains needs at least one domain.");
        }

        foreach (var (domain, i) in options.WorkspaceDomains.Select((d, i) => (d, i)))
        {
            if (!IsDomain(domain))
            {
                failures.Add($"{S}:WorkspaceDomains:{i} '{domain}' is not a domain name.");
            }
        }

        if (options.WorkspaceDomains.Count != options.WorkspaceDomains.Distinct(StringComparer.OrdinalIgnoreCase).Count())
        {
            failures.Add($"{S}:WorkspaceDomains lists a domain twice.");
        }

        if (string.IsNullOrWhiteSpace(options.CustomerId))
        {
            failures.Add($"{S}:CustomerId is empty.");
        }

        ValidateClients(options.Clients, failures);
        ValidateServiceAccounts(options.ServiceAccounts, failures);

        CheckLifetime(options.AuthorizationCodeLifetime, TimeSpan.FromHours(1), $"{S}:AuthorizationCodeLifetime", failures);
        CheckLifetime(options.AccessTokenLifetime, TimeSpan.FromHours(12), $"{S}:AccessTokenLifetime", failures);
        CheckLifetime(options.IdTokenLifetime, TimeSpan.FromHours(12), $"{S}:IdTokenLifetime", failures);
        if (options.KeyRotationInterval < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{S}:KeyRotationInterval must be at least one minute.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateClients(List<GoogleOAuthClientOptions> clients, List<string> failures)
    {
        for (var i = 0; i < clients.Count; i++)
        {
            var client = clients[i];
            var at = $"{S}:Clients:{i}";
            if (string.IsNullOrWhiteSpace(client.ClientId))
            {
                failures.Add($"{at}:ClientId is empty.");
            }

            if (string.IsNullOrEmpty(client.ClientSecret))
            {
                failures.Add($"{at}:ClientSecret is empty.");
            }

            if (client.RedirectUris.Count == 0)
            {
                failures.Add($"{at}:RedirectUris needs at least one URI.");
            }

            foreach (var (uri, j) in client.RedirectUris.Select((u, j) => (u, j)))
            {
                if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || uri.Contains('#', StringComparison.Ordinal))
                {
                    failures.Add($"{at}:RedirectUris:{j} '{uri}' is not an absolute http(s) URI without a fragment.");
                }
            }
        }

        if (clients.Select(c => c.ClientId).Distinct(StringComparer.Ordinal).Count() != clients.Count)
        {
            failures.Add($"{S}:Clients registers a client id twice.");
        }
    }

    private static void ValidateServiceAccounts(List<GoogleServiceAccountOptions> accounts, List<string> failures)
    {
        for (var i = 0; i < accounts.Count; i++)
        {
            var account = accounts[i];
            var at = $"{S}:ServiceAccounts:{i}";
            if (!account.ClientEmail.Contains('@', StringComparison.Ordinal))
            {
                failures.Add($"{at}:ClientEmail '{account.ClientEmail}' is not an email address.");
            }

            if (account.ClientId.Length == 0 || !account.ClientId.All(char.IsAsciiDigit))
            {
                failures.Add($"{at}:ClientId must be the numeric client id.");
            }

            if (string.IsNullOrWhiteSpace(account.ProjectId))
            {
                failures.Add($"{at}:ProjectId is empty.");
            }

            if (!string.IsNullOrWhiteSpace(account.PrivateKeyPem) && !string.IsNullOrWhiteSpace(account.PublicKeyPem))
            {
                failures.Add($"{at}: set PrivateKeyPem or PublicKeyPem, not both.");
            }

            var pem = string.IsNullOrWhiteSpace(account.PrivateKeyPem) ? account.PublicKeyPem : account.PrivateKeyPem;
            if (!string.IsNullOrWhiteSpace(pem) && !IsRsaPem(pem))
            {
                failures.Add($"{at}: the key is not an RSA key in PEM form.");
            }

            if (account.DelegatedScopes.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{at}:DelegatedScopes has an empty scope.");
            }
        }

        if (accounts.Select(a => a.ClientEmail).Distinct(StringComparer.OrdinalIgnoreCase).Count() != accounts.Count)
        {
            failures.Add($"{S}:ServiceAccounts registers an account twice.");
        }
    }

    private static void CheckUrl(string? value, string setting, List<string> failures)
    {
        if (!string.IsNullOrEmpty(value)
            && (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query)))
        {
            failures.Add($"{setting} '{value}' is not an absolute http(s) URL.");
        }
    }

    private static void CheckLifetime(TimeSpan value, TimeSpan max, string setting, List<string> failures)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{setting} must be positive and at most {max}."));
        }
    }

    private static bool IsDomain(string value) =>
        Uri.CheckHostName(value) == UriHostNameType.Dns && value.Contains('.', StringComparison.Ordinal);

    private static bool IsRsaPem(string pem)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
