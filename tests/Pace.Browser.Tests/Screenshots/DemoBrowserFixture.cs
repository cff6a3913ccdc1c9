using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pace.Data.Seed;
using Pace.Testing;
using Pace.Web.Media;

namespace Pace.Browser.Tests.Screenshots;

/// <summary>
/// The browser fixture over the demo brokerage (the generator of <c>./pace run</c>, at a smaller size), with its
/// listing photos replaced by pictures painted in code and stored in pace-web's media store: the demo's own photo
/// addresses point at a media server this machine does not have.
/// </summary>
public sealed class DemoBrowserFixture : PaceBrowserFixture
{
    private const int Photos = 12;

    private static readonly DemoDataSize Size = new(AgentsPerTeam: 3, Listings: 240, Applicants: 600);

    protected override async Task SeedAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        await DemoSeeder.SeedIfEmptyAtSizeAsync(database.ConnectionString, TimeProvider.System, Size);
    }

    protected override async Task StartedAsync(IServiceProvider webServices)
    {
        var store = webServices.GetRequiredService<IMediaStore>();
        var keys = new List<string>();
        for (var i = 0; i < Photos; i++)
        {
            using var photo = new MemoryStream(PropertyPhotos.Png(i));
            keys.Add((await store.PutAsync(photo, "image/png", CancellationToken.None)).ToString());
        }

        await ExecuteAsync(async db =>
        {
            // Each listing's images get distinct photos (at most one per photo: the key is unique per listing).
            await db.Database.ExecuteSqlRawAsync(
                """
                DELETE FROM listing_media m USING (
                    SELECT id, row_number() OVER (PARTITION BY listing_id ORDER BY sort_order, id) AS n FROM listing_media WHERE kind = 'image') r
                WHERE m.id = r.id AND r.n > {0}
                """, Photos);
            await db.Database.ExecuteSqlRawAsync(
                """
                UPDATE listing_media m SET storage_key = k.key, url = '/media/' || k.key, content_type = 'image/png', width = 960, height = 720
                FROM (SELECT id, ((hashtext(listing_id::text) & 2147483647) + row_number() OVER (PARTITION BY listing_id ORDER BY sort_order, id)) % {0} AS i
                      FROM listing_media WHERE kind = 'image') r
                JOIN unnest({1}::text[]) WITH ORDINALITY AS k(key, o) ON k.o - 1 = r.i
                WHERE m.id = r.id
                """, Photos, keys.ToArray());
            return 0;
        });
    }
}
