using System.Security.Cryptography;

namespace Pace.Testing;

/// <summary>The settings pace-web needs to start in a test: its database, a fresh key-encryption key and a media folder.</summary>
public static class PaceWebSettings
{
    public const string MediaRoot = "Media:Root";

    /// <summary>
    /// pace-web over <paramref name="connectionString"/>; Google sign-in comes from <c>appsettings.Testing.json</c>
    /// (the sandbox twin). <paramref name="extra"/> adds or overrides settings.
    /// </summary>
    public static Dictionary<string, string?> For(string connectionString, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["ConnectionStrings:Pace"] = connectionString,
            ["Tokens:KeyEncryptionKey"] = NewKeyEncryptionKey(),
            // A folder of its own, made by the first upload; DeleteMedia removes it.
            [MediaRoot] = NewMediaRoot(),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>
    /// pace-web over <paramref name="connectionString"/> signing in through the sandbox's Google twin at
    /// <paramref name="sandbox"/> (its base address, found only once it listens on its random port).
    /// </summary>
    public static Dictionary<string, string?> ForGoogleTwin(string connectionString, Uri sandbox, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var google = new Uri(sandbox, "google").ToString();
        var settings = For(connectionString, new Dictionary<string, string?>
        {
            ["Identity:Google:Authority"] = google,
            ["Identity:Google:AuthorizationEndpoint"] = google + "/o/oauth2/v2/auth",
            ["Identity:Google:TokenEndpoint"] = google + "/token",
            ["Identity:Google:ValidIssuers:0"] = google,
        });
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Deletes the media folder of <paramref name="settings"/> with what was uploaded into it, if anything was.</summary>
    public static void DeleteMedia(IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.TryGetValue(MediaRoot, out var root) && root is not null && Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public static string NewMediaRoot() => Path.Combine(Path.GetTempPath(), "pace-media-" + Guid.NewGuid().ToString("N"));

    public static string NewKeyEncryptionKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
