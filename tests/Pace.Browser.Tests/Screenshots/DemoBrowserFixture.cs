using Microsoft.Extensions.DependencyInjection;
using Pace.Data.Seed;
using Pace.Testing;
using Pace.Web.Media;

namespace Pace.Browser.Tests.Screenshots;

/// <summary>
/// The browser fixture over the demo brokerage (the generator of <c>./pace run</c>, at a smaller size), with the demo's
/// painted photos in pace-web's media store, as <c>./pace run</c> has them.
/// </summary>
public sealed class DemoBrowserFixture : PaceBrowserFixture
{
    private static readonly DemoDataSize Size = new(AgentsPerTeam: 3, Listings: 240, Applicants: 600);

    protected override async Task SeedAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        await DemoSeeder.SeedIfEmptyAtSizeAsync(database.ConnectionString, TimeProvider.System, Size);
    }

    protected override async Task StartedAsync(IServiceProvider webServices) =>
        await DemoPhotosInstaller.InstallAsync(webServices.GetRequiredService<IMediaStore>(), CancellationToken.None);
}
