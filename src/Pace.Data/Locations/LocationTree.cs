using Microsoft.EntityFrameworkCore;

namespace Pace.Data.Locations;

/// <summary>
/// Subtrees and ancestors of the location tree through its materialised paths (<c>dubai/dubai-marina/…</c>): both
/// are prefix lookups on <c>ux_locations_path</c> (text_pattern_ops), never a walk of the tree.
/// </summary>
public static class LocationTree
{
    /// <summary>The place at <paramref name="path"/> and every place beneath it.</summary>
    public static Task<List<Guid>> SubtreeAsync(PaceDbContext db, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(path);
        var below = path + "/";
        return db.Locations.Where(x => x.Path == path || x.Path.StartsWith(below)).Select(x => x.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The paths from the root down to <paramref name="path"/> itself: <c>dubai</c>, <c>dubai/dubai-marina</c>, …</summary>
    public static IReadOnlyList<string> PathsDownTo(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Split('/');
        return [.. Enumerable.Range(1, segments.Length).Select(n => string.Join('/', segments.Take(n)))];
    }
}
