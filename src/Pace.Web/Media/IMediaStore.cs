using Pace.Media;

namespace Pace.Web.Media;

/// <summary>
/// Where uploaded files live, by content address (<see cref="MediaKey"/>): storing the same bytes twice keeps one file
/// and answers the same key. A seam because production keeps files on a shared volume or in object storage, and
/// development on the local disk (<see cref="LocalDiskMediaStore"/>).
/// </summary>
public interface IMediaStore
{
    /// <summary>Stores <paramref name="content"/> as <paramref name="contentType"/> (a type <see cref="MediaTypes"/> knows) and answers its key.</summary>
    Task<MediaKey> PutAsync(Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>The stored file, to be read and disposed by the caller; null when there is none.</summary>
    Task<StoredMedia?> OpenAsync(MediaKey key, CancellationToken cancellationToken);

    /// <summary>Removes the file; false when there was none.</summary>
    Task<bool> DeleteAsync(MediaKey key, CancellationToken cancellationToken);
}
