using System.Text.Json;
using Pace.Data.Seed;
using Pace.Identity;

namespace Pace.Local;

/// <summary>
/// The demo brokerage's staff as the sandbox's Google Workspace directory lists them, so the sign-in page offers
/// the same people the demo Pace DB holds.
/// </summary>
internal static class SandboxDirectory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes <c>.pace/sandbox-directory.json</c> and returns its path.</summary>
    public static string Write(Workspace workspace)
    {
        Directory.CreateDirectory(workspace.StateDirectory);
        var path = Path.Combine(workspace.StateDirectory, "sandbox-directory.json");
        var users = DemoStaff.All().Select(s => new
        {
            primaryEmail = s.Email,
            givenName = s.GivenName,
            familyName = s.FamilyName,
            orgUnitPath = s.Team is null ? "/Management" : $"/Sales/{s.Team}",
            title = s.Role switch
            {
                UserRole.Admin => "CRM Administrator",
                UserRole.Manager => $"Team Manager, {s.Team}",
                _ => "Property Consultant",
            },
            department = s.Role == UserRole.Admin ? "Operations" : "Sales",
            isAdmin = s.Role == UserRole.Admin,
            suspended = !s.IsActive,
        });
        File.WriteAllText(path, JsonSerializer.Serialize(users, Json));
        return path;
    }
}
