using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pace.Data;
using Pace.Identity;
using Pace.Sandbox;
using Pace.Testing;
using Pace.Web.Identity.Directory;

namespace Pace.Web.Tests.Identity;

/// <summary>The Workspace directory sync, against the sandbox's Google twin over real HTTP and real PostgreSQL.</summary>
public sealed class DirectorySyncTests
{
    private static readonly DateTimeOffset Then = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Newcomers_become_agents_and_leavers_are_deactivated_and_signed_out()
    {
        await using var google = new PaceServiceFactory<SandboxService>(new Dictionary<string, string?>());
        using var sandbox = google.CreateHttpClient();
        // agent2 leaves: suspended in Workspace.
        (await sandbox.PostAsync(new Uri("/google/_sandbox/users/agent2@allsop.example/suspend", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await using var db = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        Guid goneSession;
        await using (var context = db.CreatePaceDbContext())
        {
            Add(context, "agent@allsop.example", "Old Name", UserRole.Agent);
            Add(context, "agent2@allsop.example", "James Carter", UserRole.Agent);
            var gone = Add(context, "left.last.month@allsop.example", "Left Last Month", UserRole.Agent);
            Add(context, "auditor@partner.example", "External Auditor", UserRole.Admin);
            var session = new UserSession { UserId = gone, LastSeenAt = Then, ExpiresAt = Then.AddYears(10), CreatedAt = Then, UpdatedAt = Then };
            goneSession = session.Id;
            context.UserSessions.Add(session);
            await context.SaveChangesAsync();
        }

        var result = await SyncAsync(google, sandbox, db);
        var again = await SyncAsync(google, sandbox, db);

        Assert.Equal(new DirectorySyncResult(Created: 2, Deactivated: 2, Renamed: 1, Unchanged: 0), result);
        Assert.Equal(0, again.Created + again.Deactivated + again.Renamed);

        await using var read = db.CreatePaceDbContext();
        var users = await read.Users.ToDictionaryAsync(u => u.Email);
        Assert.Equal((UserRole.Agent, true, (Guid?)null), (users["manager@allsop.example"].Role, users["manager@allsop.example"].IsActive, users["manager@allsop.example"].TeamId));
        Assert.True(users["admin@allsop.example"].IsActive);
        Assert.True(users["agent@allsop.example"].IsActive);
        Assert.NotEqual("Old Name", users["agent@allsop.example"].DisplayName);
        Assert.False(users["agent2@allsop.example"].IsActive);
        Assert.False(users["left.last.month@allsop.example"].IsActive);
        Assert.True(users["auditor@partner.example"].IsActive);
        Assert.NotNull((await read.UserSessions.SingleAsync(s => s.Id == goneSession)).RevokedAt);
        Assert.Contains(await read.AuditLog.Select(a => a.Action).ToListAsync(), a => a == "directory.synced");
    }

    [Fact]
    public async Task A_directory_that_would_empty_the_office_deactivates_no_one()
    {
        await using var google = new PaceServiceFactory<SandboxService>(new Dictionary<string, string?>());
        using var sandbox = google.CreateHttpClient();
        await using var db = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        await using (var context = db.CreatePaceDbContext())
        {
            // Twelve people PACE knows, of whom the directory (wrongly, say) lists none.
            for (var i = 0; i < 12; i++)
            {
                Add(context, $"agent.{i}@allsop.example", $"Agent {i}", UserRole.Agent);
            }

            await context.SaveChangesAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SyncAsync(google, sandbox, db));

        Assert.Contains("would deactivate 12 of 12 active users; nobody was deactivated", error.Message, StringComparison.Ordinal);
        await using var read = db.CreatePaceDbContext();
        Assert.True(await read.Users.AllAsync(u => u.IsActive));
        Assert.Equal(12, await read.Users.CountAsync());
    }

    /// <summary>One sync by pace-web against the sandbox's directory, as its service account sees it.</summary>
    private static async Task<DirectorySyncResult> SyncAsync(PaceServiceFactory<SandboxService> google, HttpClient sandbox, TestDatabase db)
    {
        var keyFile = Path.Combine(Path.GetTempPath(), $"pace-sa-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(keyFile, await sandbox.GetStringAsync(new Uri("/google/_sandbox/service-account.json", UriKind.Relative)));
        try
        {
            await using var web = new PaceServiceFactory<WebService>(PaceWebSettings.For(db.ConnectionString, new Dictionary<string, string?>
            {
                ["Google:Directory:ServiceAccountKeyFile"] = keyFile,
                ["Google:Directory:AdminEmail"] = "admin@allsop.example",
                ["Google:Directory:Domain"] = "allsop.example",
                ["Google:Directory:BaseUrl"] = new Uri(google.BaseAddress, "/google/").ToString(),
                ["Google:Directory:Sync:Enabled"] = "false",
            }));
            web.StartServer();
            await using var scope = web.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DirectorySync>().RunAsync("allsop.example", CancellationToken.None);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    private static Guid Add(PaceDbContext context, string email, string name, UserRole role)
    {
        var user = new User { Email = email, DisplayName = name, Role = role, CreatedAt = Then, UpdatedAt = Then };
        context.Users.Add(user);
        return user.Id;
    }
}
