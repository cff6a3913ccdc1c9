using System.Security.Cryptography;
using System.Text;

namespace Pace.Web.Identity.Tokens;

/// <summary>
/// AES-256-GCM under the deployment's key-encryption key, for private signing keys at rest. Layout: version (1) ·
/// nonce (12) · tag (16) · ciphertext. The key id is the associated data, so a ciphertext cannot be moved to another row.
/// </summary>
internal static class KeyEncryption
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static byte[] Encrypt(byte[] keyEncryptionKey, ReadOnlySpan<byte> plaintext, string keyId)
    {
        var output = new byte[1 + NonceSize + TagSize + plaintext.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keyEncryptionKey, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize), Encoding.UTF8.GetBytes(keyId));
        return output;
    }

    /// <exception cref="CryptographicException">The key-encryption key is not the one the key was encrypted with.</exception>
    public static byte[] Decrypt(byte[] keyEncryptionKey, byte[] encrypted, string keyId)
    {
        if (encrypted.Length < 1 + NonceSize + TagSize || encrypted[0] != Version)
        {
            throw new CryptographicException($"Signing key {keyId} is not in a known encrypted format.");
        }

        var plaintext = new byte[encrypted.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(keyEncryptionKey, TagSize);
        aes.Decrypt(encrypted.AsSpan(1, NonceSize), encrypted.AsSpan(1 + NonceSize + TagSize), encrypted.AsSpan(1 + NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(keyId));
        return plaintext;
    }
}
