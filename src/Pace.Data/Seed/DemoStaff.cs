using Pace.Identity;

namespace Pace.Data.Seed;

/// <summary>A member of the demo brokerage's staff, as its Google Workspace directory lists them.</summary>
public sealed record DemoStaffMember(string Email, string GivenName, string FamilyName, UserRole Role, string? Team, bool IsActive);

public static class DemoStaff
{
    /// <summary>
    /// The staff <see cref="DemoSeeder"/> loads, in the same order and with the same names, so the sandbox's
    /// Workspace directory and the demo Pace DB agree on who works at the brokerage.
    /// </summary>
    public static IReadOnlyList<DemoStaffMember> All()
    {
        // The generator draws locations and reference values before staff: replay the same draws.
        var generator = new DemoDataGenerator(SeedCatalog.Default, DemoDataSize.Demo, DateTimeOffset.UnixEpoch.AddYears(50), DemoSeeder.Seed);
        _ = generator.GenerateLocations().ToList();
        _ = generator.GenerateReferenceValues().ToList();
        var (teams, users) = generator.GenerateStaff();
        var teamNames = teams.ToDictionary(t => t.Id, t => t.Name);
        return users.Select(u =>
        {
            var space = u.DisplayName.IndexOf(' ', StringComparison.Ordinal);
            var given = space < 0 ? u.DisplayName : u.DisplayName[..space];
            var family = space < 0 ? "" : u.DisplayName[(space + 1)..];
            return new DemoStaffMember(u.Email, given, family, u.Role, u.TeamId is { } id ? teamNames[id] : null, u.IsActive);
        }).ToList();
    }
}
