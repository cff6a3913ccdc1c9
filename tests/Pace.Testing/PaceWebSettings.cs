using System.Security.Cryptography;

namespace Pace.Testing;

/// <summary>The settings pace-web needs to start in a test: its database and a fresh key-encryption key.</summary>
public static class PaceWebSettings
{
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
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static string NewKeyEncryptionKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
