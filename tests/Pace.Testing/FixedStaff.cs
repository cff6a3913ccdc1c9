using Pace.Data.Seed;
using Pace.Identity;

namespace Pace.Testing;

/// <summary>The four fixed demo accounts (<see cref="DemoAccounts"/>) in two teams, the people the Google twin lists when nothing seeds its directory.</summary>
public static class FixedStaff
{
    public const string AdminName = "Sara Al Mansoori";
    public const string ManagerName = "Omar Haddad";
    public const string AgentName = "Priya Nair";
    public const string Agent2Name = "James Carter";

    /// <summary>Adds the four users straight through the DbContext: far quicker than the demo seeder, and enough for sign-in.</summary>
    public static async Task SeedAsync(TestDatabase database, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreatePaceDbContext();
        var now = DateTimeOffset.UtcNow;
        var marina = new Team { Name = DemoAccounts.MarinaTeam, CreatedAt = now, UpdatedAt = now };
        var downtown = new Team { Name = DemoAccounts.DowntownTeam, CreatedAt = now, UpdatedAt = now };
        db.Teams.AddRange(marina, downtown);
        db.Users.AddRange(
            Staff(DemoAccounts.Admin, AdminName, UserRole.Admin, null, now),
            Staff(DemoAccounts.Manager, ManagerName, UserRole.Manager, marina.Id, now),
            Staff(DemoAccounts.Agent, AgentName, UserRole.Agent, marina.Id, now),
            Staff(DemoAccounts.Agent2, Agent2Name, UserRole.Agent, downtown.Id, now));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static User Staff(string email, string name, UserRole role, Guid? teamId, DateTimeOffset now) =>
        new() { Email = email, DisplayName = name, Role = role, TeamId = teamId, CreatedAt = now, UpdatedAt = now };
}
