using System.Text.Json;

namespace Pace.Local;

/// <summary>
/// The sandbox's Google Workspace as <c>./pace run</c> sets it up: the demo brokerage's staff in its directory, a
/// service account whose key stays the same across runs, and pace-web configured to sign in and to sync the directory
/// against it — the same settings a deployment gives for the real Google.
/// </summary>
internal sealed class LocalGoogleWorkspace
{
    private const string ServiceAccountEmail = "pace-sandbox@pace-sandbox.iam.gserviceaccount.com";
    private const string ServiceAccountClientId = "104257930184260375112";
    private const string ProjectId = "pace-sandbox";
    private const string PrivateKeyId = "pace-local-1";
    private const string Domain = "allsop.example";
    private const string DirectoryAdmin = "admin@allsop.example";

    private static readonly string[] DelegatedScopes =
    [
        "https://www.googleapis.com/auth/admin.directory.user.readonly",
        "https://www.googleapis.com/auth/gmail.send",
        "https://www.googleapis.com/auth/calendar",
        "https://www.googleapis.com/auth/calendar.events",
    ];

    private readonly string _baseUrl;
    private readonly string _directoryFile;
    private readonly string _privateKey;
    private readonly string _keyFile;

    private LocalGoogleWorkspace(string baseUrl, string directoryFile, string privateKey, string keyFile)
    {
        _baseUrl = baseUrl;
        _directoryFile = directoryFile;
        _privateKey = privateKey;
        _keyFile = keyFile;
    }

    /// <summary>Writes the directory and the service account's key file into <c>.pace/</c>.</summary>
    public static LocalGoogleWorkspace Prepare(Workspace workspace, string baseUrl)
    {
        var privateKey = LocalSecrets.GoogleServiceAccountKey(workspace);
        // Google's key-file format, so pace-web reads it exactly as it would a key downloaded from Google Cloud.
        var keyFile = LocalSecrets.WritePrivateFile(workspace, "google-service-account.json", JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = ProjectId,
            ["private_key_id"] = PrivateKeyId,
            ["private_key"] = privateKey,
            ["client_email"] = ServiceAccountEmail,
            ["client_id"] = ServiceAccountClientId,
            ["token_uri"] = baseUrl + "/token",
        }));
        return new LocalGoogleWorkspace(baseUrl, SandboxDirectory.Write(workspace), privateKey, keyFile);
    }

    public void ConfigureSandbox(Dictionary<string, string?> environment)
    {
        environment["Sandbox__Google__DirectoryFile"] = _directoryFile;
        const string account = "Sandbox__Google__ServiceAccounts__0__";
        environment[account + "ClientEmail"] = ServiceAccountEmail;
        environment[account + "ClientId"] = ServiceAccountClientId;
        environment[account + "ProjectId"] = ProjectId;
        environment[account + "PrivateKeyId"] = PrivateKeyId;
        environment[account + "PrivateKeyPem"] = _privateKey;
        for (var i = 0; i < DelegatedScopes.Length; i++)
        {
            environment[$"{account}DelegatedScopes__{i}"] = DelegatedScopes[i];
        }
    }

    public void ConfigurePaceWeb(Dictionary<string, string?> environment)
    {
        // Sign in through the sandbox's Google twin, wherever its port is.
        environment["Identity__Google__Authority"] = _baseUrl;
        environment["Identity__Google__AuthorizationEndpoint"] = _baseUrl + "/o/oauth2/v2/auth";
        environment["Identity__Google__TokenEndpoint"] = _baseUrl + "/token";
        environment["Identity__Google__ValidIssuers__0"] = _baseUrl;
        // Keep the staff in step with the sandbox's Workspace directory.
        environment["Google__Directory__ServiceAccountKeyFile"] = _keyFile;
        environment["Google__Directory__AdminEmail"] = DirectoryAdmin;
        environment["Google__Directory__Domain"] = Domain;
        environment["Google__Directory__BaseUrl"] = _baseUrl + "/";
    }
}
