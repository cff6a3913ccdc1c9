using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using Pace.Web.Identity.Tokens;

namespace Pace.Web.Identity.SignIn;

/// <summary>
/// Encrypts the Data Protection key ring (what signs and encrypts session and antiforgery cookies) before it is
/// stored in the database, with the deployment's key-encryption key (<c>Tokens:KeyEncryptionKey</c>) — the same
/// protection the token-signing keys have. A database dump alone cannot forge a session.
/// </summary>
public sealed class KeyRingEncryptor(IOptions<TokenOptions> options) : IXmlEncryptor
{
    internal const string ElementName = "paceEncryptedKey";

    // Binds the ciphertext to its purpose, so a signing key's ciphertext cannot be passed off as a key ring entry.
    internal const string AssociatedData = "data-protection-key-ring";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var encrypted = KeyEncryption.Encrypt(options.Value.KeyEncryptionKeyBytes(), plaintext, AssociatedData);
        return new EncryptedXmlInfo(new XElement(ElementName, Convert.ToBase64String(encrypted)), typeof(KeyRingDecryptor));
    }
}

/// <summary>Reads back what <see cref="KeyRingEncryptor"/> wrote (Data Protection creates it by type, with the services).</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var key = services.GetRequiredService<IOptions<TokenOptions>>().Value.KeyEncryptionKeyBytes();
        var plaintext = KeyEncryption.Decrypt(key, Convert.FromBase64String(encryptedElement.Value), KeyRingEncryptor.AssociatedData);
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plaintext));
    }
}
