using Pace.Data.Seed;
using Pace.Testing;

namespace Pace.Browser.Tests.Manage;

/// <summary>
/// pace-web over the demo brokerage (about 40 staff in five teams, 1,500 listings, 5,000 applicants, 90 days of
/// activity), the data a person trying PACE sees: pages are proved on realistic volume, not on empty tables.
/// </summary>
public sealed class DemoBrowserFixture : PaceBrowserFixture
{
    protected override async Task SeedAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Assert.True(await DemoSeeder.SeedIfEmptyAsync(database.ConnectionString, TimeProvider.System), "The demo brokerage was not loaded.");
    }
}
