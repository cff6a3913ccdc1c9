using Pace.Data.Seed;
using Pace.Testing;

namespace Pace.Data.Tests.Seed;

public sealed class DemoSeederDeterminismTests
{
    [Fact]
    public async Task Two_seeds_with_the_same_clock_produce_identical_rows()
    {
        // Late evening in Dubai (22:40): no viewing hours are left today, which the generator has to handle too.
        var clock = new TestClock(new DateTimeOffset(2025, 7, 4, 18, 40, 17, 456, TimeSpan.Zero));
        await using var first = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        await using var second = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);

        await Task.WhenAll(
            DemoSeeder.SeedIfEmptyAsync(first.ConnectionString, clock),
            DemoSeeder.SeedIfEmptyAsync(second.ConnectionString, clock));

        foreach (var (table, order) in new[]
        {
            ("locations", "id"), ("users", "id"), ("teams", "id"), ("listings", "id"), ("listing_media", "id"), ("listing_portals", "listing_id, portal"),
            ("applicants", "id"), ("applicant_phones", "id"), ("requirements", "id"), ("consents", "applicant_id, channel"),
            ("viewings", "id"), ("offers", "id"), ("deals", "id"), ("activities", "id"),
        })
        {
            var expected = await SeedQueries.TableHashAsync(first.ConnectionString, table, order);
            Assert.NotEqual("", expected);
            Assert.Equal(expected, await SeedQueries.TableHashAsync(second.ConnectionString, table, order));
        }

        Assert.Equal(0L, await SeedQueries.ScalarAsync<long>(first.ConnectionString, """
            SELECT count(*) FROM viewings a JOIN viewings b
              ON a.agent_id = b.agent_id AND a.id < b.id
             AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
            """));
    }
}
