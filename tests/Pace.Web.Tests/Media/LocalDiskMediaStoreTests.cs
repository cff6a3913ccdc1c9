using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Pace.Media;
using Pace.Testing;
using Pace.Web.Media;

namespace Pace.Web.Tests.Media;

/// <summary>The local-disk media store on a real folder, and pace-web refusing to start without one.</summary>
public sealed class LocalDiskMediaStoreTests : IDisposable
{
    private readonly string _root = PaceWebSettings.NewMediaRoot();

    [Fact]
    public async Task Files_are_kept_by_the_sha256_of_their_bytes_once_however_often_stored()
    {
        var store = Store();
        var jpeg = TestImages.Jpeg(800, 600);

        var first = await store.PutAsync(new MemoryStream(jpeg), MediaTypes.Jpeg, CancellationToken.None);
        var second = await store.PutAsync(new MemoryStream(jpeg), "IMAGE/JPEG", CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(jpeg)) + ".jpg", first.ToString());
        Assert.Equal(first, second);
        var file = Assert.Single(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
        Assert.Equal(Path.Combine(_root, first.Hash[..2], first.Hash[2..4], first.ToString()), file);
        var opened = await store.OpenAsync(first, CancellationToken.None);
        Assert.NotNull(opened);
        using var copy = new MemoryStream();
        await using (opened.Content)
        {
            await opened.Content.CopyToAsync(copy);
        }

        Assert.Equal(jpeg, copy.ToArray());
        Assert.Equal(jpeg.Length, opened.Length);
    }

    [Fact]
    public async Task A_deleted_file_is_no_longer_opened_and_deleting_it_again_says_so()
    {
        var store = Store();
        var key = await store.PutAsync(new MemoryStream(TestImages.Png(800, 600)), MediaTypes.Png, CancellationToken.None);

        Assert.True(await store.DeleteAsync(key, CancellationToken.None));
        Assert.False(await store.DeleteAsync(key, CancellationToken.None));
        Assert.Null(await store.OpenAsync(key, CancellationToken.None));
        Assert.Null(await store.OpenAsync(MediaKey.Of(SHA256.HashData([1]), MediaTypes.WebP), CancellationToken.None));
    }

    [Fact]
    public async Task A_type_the_store_does_not_keep_is_refused_before_anything_is_written()
    {
        var store = Store();

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(new MemoryStream([1, 2, 3]), "image/gif", CancellationToken.None));

        Assert.False(Directory.Exists(_root));
    }

    [Fact]
    public async Task Pace_web_does_not_start_without_a_media_folder()
    {
        var result = await ServiceProcess.RunToExitAsync("Pace.Web.dll", new Dictionary<string, string?>
        {
            ["ConnectionStrings__Pace"] = "Host=127.0.0.1;Port=1;Database=pace",
            ["Urls"] = "http://127.0.0.1:0",
            ["Identity__Google__ClientId"] = "pace-web.apps.googleusercontent.com",
            ["Identity__Google__ClientSecret"] = "x",
            ["Tokens__KeyEncryptionKey"] = PaceWebSettings.NewKeyEncryptionKey(),
            ["Media__Root"] = "",
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("pace-web: invalid configuration: Media:Root (env Media__Root) is missing", line, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private LocalDiskMediaStore Store() => new(Options.Create(new MediaOptions { Root = _root }));
}
