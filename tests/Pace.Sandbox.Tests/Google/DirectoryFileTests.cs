using System.Net;
using System.Text.Json;
using Pace.Testing;

namespace Pace.Sandbox.Tests.Google;

public sealed class DirectoryFileTests
{
    [Fact]
    public async Task A_directory_file_seeds_the_workspace_in_place_of_the_default_accounts()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pace-directory-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new[]
        {
            new { primaryEmail = "noura.almarri@allsop.example", givenName = "Noura", familyName = "Al Marri", isAdmin = true, orgUnitPath = "/Management" },
            new { primaryEmail = "daniel.carter@allsop.example", givenName = "Daniel", familyName = "Carter", isAdmin = false, orgUnitPath = "/Sales/Marina" },
        }));
        try
        {
            await using var google = GoogleTwin.Start(new Dictionary<string, string?> { ["Sandbox:Google:DirectoryFile"] = path });

            var (status, body) = await HttpAssert.GetJsonAsync(google.Http, "/google/_sandbox/users");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(
                ["daniel.carter@allsop.example", "noura.almarri@allsop.example"],
                body.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("primaryEmail").GetString()).Order(StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
