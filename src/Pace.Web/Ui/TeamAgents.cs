using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Web.Applicants;
using Pace.Identity;

namespace Pace.Web.Ui;

/// <summary>The people a manager (their team's) or an admin (anyone's) may give applicants to, by name, for a select.</summary>
public static class TeamAgents
{
    public static async Task<IReadOnlyList<Choice>> ListAsync(PaceDbContext db, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Users.AsNoTracking().AssignableBy(actor)
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new Choice(u.Id.ToString(), u.DisplayName))
            .ToListAsync(cancellationToken);
    }
}
