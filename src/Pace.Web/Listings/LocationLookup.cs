using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Locations;
using Pace.Web.Common;

namespace Pace.Web.Listings;

/// <summary>A place of the location tree as a person picks it: its name and the community it is in.</summary>
public sealed record LocationChoice(Guid Id, string Name, LocationLevel Level, string? ParentName);

/// <summary>
/// Places by a part of their name (a building, a community), for the global search and the listing form's location
/// picker; served by the trigram index on <c>locations.name</c>.
/// </summary>
public static class LocationLookup
{
    public static async Task<IReadOnlyList<LocationChoice>> SearchAsync(PaceDbContext db, string q, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var text = q.Trim();
        if (text.Length < 2)
        {
            return [];
        }

        var pattern = "%" + ApiProblems.EscapeLike(text) + "%";
        var prefix = ApiProblems.EscapeLike(text) + "%";
        return await db.Locations.AsNoTracking()
            .Where(l => l.Level != LocationLevel.Emirate && EF.Functions.ILike(l.Name, pattern, "\\"))
            // Names that start with what was typed first, then buildings before the areas around them.
            .OrderByDescending(l => EF.Functions.ILike(l.Name, prefix, "\\")).ThenByDescending(l => l.Level).ThenBy(l => l.Name)
            .Take(limit)
            .Select(l => new LocationChoice(l.Id, l.Name, l.Level, l.Parent != null ? l.Parent.Name : null))
            .ToListAsync(cancellationToken);
    }

    /// <summary>How a place reads in a picker and a form: <c>Marina Gate 1 · Dubai Marina</c>.</summary>
    public static string Label(LocationChoice place)
    {
        ArgumentNullException.ThrowIfNull(place);
        return place.ParentName is null ? place.Name : $"{place.Name} · {place.ParentName}";
    }

    /// <summary>The place a picker's label names (<see cref="Label"/>); null when none does.</summary>
    public static async Task<Guid?> ResolveAsync(PaceDbContext db, string? label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var text = label?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parts = text.Split(" · ", 2, StringSplitOptions.TrimEntries);
        var name = parts[0];
        var parent = parts.Length > 1 ? parts[1] : null;
        var candidates = await db.Locations.AsNoTracking()
            .Where(l => l.Name == name && l.Level != LocationLevel.Emirate)
            .Select(l => new { l.Id, ParentName = l.Parent != null ? l.Parent.Name : null })
            .Take(20)
            .ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(c => parent is null || c.ParentName == parent)?.Id;
    }

    /// <summary>The label of one place, for a form that edits what it points at.</summary>
    public static async Task<string?> NameAsync(PaceDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var place = await db.Locations.AsNoTracking().Where(l => l.Id == id)
            .Select(l => new LocationChoice(l.Id, l.Name, l.Level, l.Parent != null ? l.Parent.Name : null))
            .SingleOrDefaultAsync(cancellationToken);
        return place is null ? null : Label(place);
    }
}
