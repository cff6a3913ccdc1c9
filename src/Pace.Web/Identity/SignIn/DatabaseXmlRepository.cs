using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Pace.Data;
using Pace.Identity;

namespace Pace.Web.Identity.SignIn;

/// <summary>
/// The Data Protection key ring in <c>data_protection_keys</c>, so cookies and antiforgery tokens survive restarts
/// and every replica reads the same keys. Data Protection calls this rarely (start-up, key roll) and synchronously.
/// </summary>
public sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PaceDbContext>();
        return db.DataProtectionKeys.OrderBy(k => k.Id).Select(k => k.Xml).ToList().Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PaceDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey
        {
            FriendlyName = friendlyName.Length <= 100 ? friendlyName : friendlyName[..100],
            Xml = element.ToString(SaveOptions.DisableFormatting),
        });
        db.SaveChanges();
    }
}
