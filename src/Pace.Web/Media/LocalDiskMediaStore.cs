using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Pace.Media;

namespace Pace.Web.Media;

/// <summary>
/// The media store on a local (or mounted) disk under <see cref="MediaOptions.Root"/>: a file is
/// <c>ab/cd/abcd…ef.jpg</c>, its path made only from the parsed key's hex digits and known extension, so no request
/// can name a path outside the root. A file is written under a temporary name while it is hashed, flushed to disk,
/// then renamed into place in one step: a reader never sees half a file, and two replicas storing the same bytes at
/// once both end with the one same file.
/// </summary>
public sealed class LocalDiskMediaStore(IOptions<MediaOptions> options) : IMediaStore
{
    private const string IncomingFolder = ".incoming";
    private const int BufferSize = 81_920;

    private string Root { get; } = Path.GetFullPath(options.Value.Root);

    public async Task<MediaKey> PutAsync(Stream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (MediaTypes.ExtensionOf(contentType) is null)
        {
            throw new ArgumentException($"The media store does not keep {contentType}.", nameof(contentType));
        }

        var incoming = Directory.CreateDirectory(Path.Combine(Root, IncomingFolder)).FullName;
        var temporary = Path.Combine(incoming, Guid.NewGuid().ToString("N"));
        try
        {
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    sha256.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                file.Flush(flushToDisk: true);
            }

            var key = MediaKey.Of(sha256.GetHashAndReset(), contentType);
            var path = PathOf(key);
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                // Same key, same bytes: replacing a file another replica has just renamed into place changes nothing.
                File.Move(temporary, path, overwrite: true);
            }

            return key;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<StoredMedia?> OpenAsync(MediaKey key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            // FileShare.Delete: a file being served may be deleted meanwhile; the reader keeps its bytes.
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, useAsync: true);
            return Task.FromResult<StoredMedia?>(new StoredMedia(stream, stream.Length, File.GetLastWriteTimeUtc(stream.SafeFileHandle)));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<StoredMedia?>(null);
        }
    }

    public Task<bool> DeleteAsync(MediaKey key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        File.Delete(path);
        return Task.FromResult(true);
    }

    /// <summary>Two levels of folders from the hash's first four digits, so no folder holds more than a few thousand files.</summary>
    private string PathOf(MediaKey key) => Path.Combine(Root, key.Hash[..2], key.Hash[2..4], key.ToString());
}
