using System.Security.Cryptography;

namespace Pace.Local;

/// <summary>
/// Secrets the local stack needs, made once on this machine and kept in <c>.pace/</c> readable by its owner only:
/// never in git, never printed.
/// </summary>
internal static class LocalSecrets
{
    /// <summary>The key that encrypts pace-web's token-signing keys at rest (base64 of 32 bytes).</summary>
    public static string KeyEncryptionKey(Workspace workspace) =>
        ReadOrCreate(workspace, "token-kek", () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The private key (PKCS#8 PEM) of the sandbox Workspace's service account that pace-web syncs the directory with.</summary>
    public static string GoogleServiceAccountKey(Workspace workspace) =>
        ReadOrCreate(workspace, "google-service-account.pem", () =>
        {
            using var rsa = RSA.Create(2048);
            return rsa.ExportPkcs8PrivateKeyPem();
        });

    /// <summary>Writes <paramref name="content"/> to <c>.pace/<paramref name="fileName"/></c> with mode 600 and returns the path.</summary>
    public static string WritePrivateFile(Workspace workspace, string fileName, string content)
    {
        Directory.CreateDirectory(workspace.StateDirectory);
        var path = Path.Combine(workspace.StateDirectory, fileName);
        File.Delete(path);
        using var writer = new StreamWriter(new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }));
        writer.Write(content);
        return path;
    }

    private static string ReadOrCreate(Workspace workspace, string fileName, Func<string> create)
    {
        var path = Path.Combine(workspace.StateDirectory, fileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var secret = create();
        WritePrivateFile(workspace, fileName, secret);
        return secret;
    }
}
