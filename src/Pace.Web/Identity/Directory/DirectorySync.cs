using Microsoft.EntityFrameworkCore;
using Pace.Data.Audit;
using Pace.Data;
using Pace.Identity;
using Pace.Integrations.Google;

namespace Pace.Web.Identity.Directory;

/// <summary>What one directory sync changed.</summary>
public sealed record DirectorySyncResult(int Created, int Deactivated, int Renamed, int Unchanged);

/// <summary>
/// Keeps PACE's staff in step with the Google Workspace directory: a new Workspace account becomes an active
/// Agent without a team (an Admin then sets role and team), and a leaver — suspended, or gone from the directory —
/// is deactivated and signed out everywhere. It never reactivates anyone: that is an Admin's decision.
/// </summary>
public sealed partial class DirectorySync(
    PaceDbContext db, GoogleDirectoryClient directory, TimeProvider clock, ILogger<DirectorySync> logger)
{
    /// <summary>However small the staff, this many leavers in one run are believed.</summary>
    private const int MaxLeaversAlways = 5;

    public async Task<DirectorySyncResult> RunAsync(string domain, CancellationToken cancellationToken)
    {
        var accounts = new Dictionary<string, DirectoryUser>(StringComparer.Ordinal);
        await foreach (var account in directory.ListUsersAsync(cancellationToken))
        {
            accounts[account.PrimaryEmail.ToLowerInvariant()] = account;
        }

        var now = clock.GetUtcNow();
        var suffix = "@" + domain.ToLowerInvariant();
        var users = await db.Users.Where(u => u.Email.EndsWith(suffix)).ToListAsync(cancellationToken);
        var known = users.ToDictionary(u => u.Email, StringComparer.Ordinal);
        int created = 0, deactivated = 0, renamed = 0;
        var leavers = new List<Guid>();

        foreach (var (email, account) in accounts.Where(a => !a.Value.Suspended && a.Key.EndsWith(suffix, StringComparison.Ordinal)))
        {
            var name = DisplayName(account);
            if (!known.TryGetValue(email, out var user))
            {
                db.Users.Add(new User { Email = email, DisplayName = name, Role = UserRole.Agent });
                created++;
            }
            else if (user.DisplayName != name)
            {
                user.DisplayName = name;
                renamed++;
            }
        }

        var leaving = users.Where(u => u.IsActive && (!accounts.TryGetValue(u.Email, out var a) || a.Suspended)).ToList();
        // Most of the staff leaving at once is a wrong domain, a wrong admin or a partial answer, not a real exodus.
        var active = users.Count(u => u.IsActive);
        if (leaving.Count > Math.Max(MaxLeaversAlways, active / 2))
        {
            throw new InvalidOperationException(
                $"The Workspace directory of {domain} would deactivate {leaving.Count} of {active} active users; nobody was deactivated. Check the directory settings.");
        }

        foreach (var user in leaving)
        {
            user.IsActive = false;
            user.DeactivatedAt = now;
            leavers.Add(user.Id);
            deactivated++;
        }

        var result = new DirectorySyncResult(created, deactivated, renamed, users.Count - deactivated - renamed);
        db.Record(AuditActor.System with { Client = "directory-sync" }, now, "directory.synced", null, null,
            new { domain, result.Created, result.Deactivated, result.Renamed });
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.UserSessions.Where(s => leavers.Contains(s.UserId) && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogSynced(logger, domain, created, deactivated, renamed);
        return result;
    }

    private static string DisplayName(DirectoryUser account) =>
        account.Name.FullName is { Length: > 0 } full
            ? full
            : $"{account.Name.GivenName} {account.Name.FamilyName}".Trim() is { Length: > 0 } joined ? joined : account.PrimaryEmail;

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory sync of {Domain}: {Created} created, {Deactivated} deactivated, {Renamed} renamed")]
    private static partial void LogSynced(ILogger logger, string domain, int created, int deactivated, int renamed);
}
