using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Reference;

namespace Pace.Web.Ui;

/// <summary>One value a form offers from the reference data (a property type, a lost reason).</summary>
public sealed record Choice(string Code, string Label);

/// <summary>The active reference values of one kind, in the admins' order, for a form's select or checkboxes.</summary>
public static class ReferenceChoices
{
    public static async Task<IReadOnlyList<Choice>> ListAsync(PaceDbContext db, ReferenceKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.ReferenceValues.AsNoTracking()
            .Where(r => r.Kind == kind && r.IsActive)
            .OrderBy(r => r.SortOrder).ThenBy(r => r.Label)
            .Select(r => new Choice(r.Code, r.Label))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>What a <c>datetime-local</c> input holds: Dubai wall-clock time.</summary>
public static class DubaiInput
{
    /// <summary>The instant of <c>2025-03-14T14:05</c> read in Dubai; null when empty or unreadable.</summary>
    public static DateTimeOffset? Parse(string? value)
    {
        if (!DateTime.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var local))
        {
            return null;
        }

        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(wall, Pace.Common.DubaiTime.Zone.GetUtcOffset(wall)).ToUniversalTime();
    }
}
