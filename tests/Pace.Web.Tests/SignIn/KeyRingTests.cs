using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pace.Data;
using Pace.Testing;

namespace Pace.Web.Tests.SignIn;

/// <summary>The cookie keys every replica shares: stored in the database, encrypted with the deployment's key.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task The_key_ring_is_stored_encrypted_and_read_by_another_replica_with_the_same_key_only()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        var key = PaceWebSettings.NewKeyEncryptionKey();
        string protectedPayload;
        await using (var first = Replica(db, key))
        {
            protectedPayload = Protector(first).Protect("session 42");
        }

        await using var read = db.CreatePaceDbContext();
        var stored = await read.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        var xml = Assert.Single(stored);
        Assert.Contains("paceEncryptedKey", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);

        await using (var second = Replica(db, key))
        {
            Assert.Equal("session 42", Protector(second).Unprotect(protectedPayload));
        }

        await using var stranger = Replica(db, PaceWebSettings.NewKeyEncryptionKey());
        Assert.ThrowsAny<CryptographicException>(() => Protector(stranger).Unprotect(protectedPayload));
    }

    private static PaceServiceFactory<WebService> Replica(TestDatabase db, string keyEncryptionKey)
    {
        var web = new PaceServiceFactory<WebService>(PaceWebSettings.For(db.ConnectionString, new Dictionary<string, string?>
        {
            ["Tokens:KeyEncryptionKey"] = keyEncryptionKey,
        }));
        web.StartServer();
        return web;
    }

    private static IDataProtector Protector(PaceServiceFactory<WebService> web) =>
        web.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("pace.tests.key-ring");
}
