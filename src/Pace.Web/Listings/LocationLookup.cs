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
}
