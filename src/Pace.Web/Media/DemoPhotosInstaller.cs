using Microsoft.Extensions.Options;
using Pace.Data.Seed;

namespace Pace.Web.Media;

/// <summary>
/// Puts the demo brokerage's painted photos into the media store before pace-web serves its first request, when
/// <see cref="MediaOptions.DemoPhotos"/> is on: the demo data names them by their keys. Storing is by content address,
/// so a restart, or several replicas starting at once, end with the same files.
/// </summary>
public sealed partial class DemoPhotosInstaller(IOptions<MediaOptions> options, IMediaStore store, ILogger<DemoPhotosInstaller> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.DemoPhotos)
        {
            return;
        }

        var added = await InstallAsync(store, cancellationToken);
        LogInstalled(logger, added, DemoPhotos.Photos.Count + DemoPhotos.FloorPlans.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stores each demo photo the store does not hold yet; answers how many it stored.</summary>
    public static async Task<int> InstallAsync(IMediaStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var added = 0;
        foreach (var photo in DemoPhotos.All)
        {
            if (await store.OpenAsync(photo.Key, cancellationToken) is { } stored)
            {
                await stored.Content.DisposeAsync();
                continue;
            }

            using var content = new MemoryStream(photo.Png, writable: false);
            await store.PutAsync(content, photo.Key.ContentType, cancellationToken);
            added++;
        }

        return added;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo photos: {Added} stored, {Total} in the media store")]
    private static partial void LogInstalled(ILogger logger, int added, int total);
}
