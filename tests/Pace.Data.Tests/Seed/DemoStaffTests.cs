using Microsoft.EntityFrameworkCore;
using Pace.Data.Seed;
using Pace.Identity;

namespace Pace.Data.Tests.Seed;

public sealed class DemoStaffTests(SeededDatabase seeded) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task The_directory_staff_are_the_seeded_users()
    {
        await using var db = seeded.Database.CreatePaceDbContext();
        var users = await db.Users.OrderBy(u => u.Email).Select(u => new { u.Email, u.DisplayName, u.Role, u.IsActive }).ToListAsync();

        var staff = DemoStaff.All().OrderBy(s => s.Email, StringComparer.Ordinal).ToList();

        Assert.Equal(users.Select(u => u.Email), staff.Select(s => s.Email));
        Assert.Equal(users.Select(u => u.DisplayName), staff.Select(s => $"{s.GivenName} {s.FamilyName}".Trim()));
        Assert.Equal(users.Select(u => u.Role), staff.Select(s => s.Role));
        Assert.Equal(users.Select(u => u.IsActive), staff.Select(s => s.IsActive));
    }

    [Fact]
    public void The_fixed_accounts_are_in_their_teams()
    {
        var staff = DemoStaff.All().ToDictionary(s => s.Email);

        Assert.Equal(UserRole.Admin, staff[DemoAccounts.Admin].Role);
        Assert.Equal((UserRole.Manager, DemoAccounts.MarinaTeam), (staff[DemoAccounts.Manager].Role, staff[DemoAccounts.Manager].Team));
        Assert.Equal((UserRole.Agent, DemoAccounts.MarinaTeam), (staff[DemoAccounts.Agent].Role, staff[DemoAccounts.Agent].Team));
        Assert.Equal((UserRole.Agent, DemoAccounts.DowntownTeam), (staff[DemoAccounts.Agent2].Role, staff[DemoAccounts.Agent2].Team));
    }
}
