using System.Net;
using Pace.Data.Seed;
using Pace.Media;
using Pace.Web.Tests.Tokens;

namespace Pace.Web.Tests.Media;

/// <summary>The demo brokerage's painted photos: stored by pace-web when Media:DemoPhotos is on, served like uploads.</summary>
public sealed class DemoPhotosTests
{
    [Fact]
    public async Task With_demo_photos_on_pace_web_stores_every_painted_photo_before_it_serves_and_serves_each_as_a_png()
    {
        await using var host = await TokenTestHost.StartAsync(new Dictionary<string, string?> { ["Media:DemoPhotos"] = "true" });
        var agent = await host.SeedUserAsync("agent@allsop.example");
        var (_, token) = await host.SeedPersonalTokenAsync(agent);

        foreach (var photo in DemoPhotos.All)
        {
            using var response = await host.SendAsync(HttpMethod.Get, photo.Key.Url, token);
            var bytes = await response.Content.ReadAsByteArrayAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(MediaTypes.Png, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(photo.Png, bytes);
            var header = ImageHeaderReader.Read(bytes);
            Assert.Equal((DemoPhotos.Width, DemoPhotos.Height), (header?.Width, header?.Height));
        }

        Assert.Equal(DemoPhotos.All.Count(), DemoPhotos.All.Select(p => p.Key).Distinct().Count());
    }

    [Fact]
    public async Task Without_the_setting_no_demo_photo_is_stored()
    {
        await using var host = await TokenTestHost.StartAsync();

        Assert.False(Directory.Exists(host.MediaRoot) && Directory.EnumerateFiles(host.MediaRoot, "*", SearchOption.AllDirectories).Any());
    }
}
