using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pace.Data.Audit;
using Pace.Data.Common;
using Pace.Identity;
using Pace.Testing;

namespace Pace.Data.Tests.Audit;

public sealed class AuditInterceptorTests
{
    private static readonly Guid Admin = Guid.CreateVersion7();

    [Fact]
    public async Task A_change_is_audited_field_by_field_with_actor_ip_and_trace()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        var team = new Team { Name = "Marina" };
        var user = new User { Email = "new.agent@allsop.example", DisplayName = "New Agent", Role = UserRole.Agent, TeamId = team.Id };
        await using (var context = Context(db))
        {
            context.AddRange(team, user);
            await context.SaveChangesAsync();
        }

        await using (var context = Context(db))
        {
            var stored = await context.Users.SingleAsync(u => u.Id == user.Id);
            stored.Role = UserRole.Manager;
            stored.DisplayName = "New Manager";
            await context.SaveChangesAsync();
        }

        await using var read = Context(db);
        var entries = await read.AuditLog.Where(a => a.EntityId == user.Id).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["user.created", "user.updated"], entries.Select(e => e.Action));
        var update = entries[1];
        Assert.Equal(Admin, update.ActorUserId);
        Assert.Equal("10.1.2.3", update.IpAddress);
        Assert.Equal("trace-1", update.TraceId);
        Assert.Equal("user", update.EntityType);
        using var data = JsonDocument.Parse(update.Data!);
        var changes = data.RootElement.GetProperty("changes");
        Assert.Equal(["display_name", "role"], changes.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("agent", changes.GetProperty("role")[0].GetString());
        Assert.Equal("manager", changes.GetProperty("role")[1].GetString());
        Assert.Equal("New Agent", changes.GetProperty("display_name")[0].GetString());
    }

    [Fact]
    public async Task Secrets_never_reach_the_audit_log()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        await using (var context = Context(db))
        {
            context.MachineClients.Add(new MachineClient { ClientId = "pace-ai", Name = "pace-ai", SecretHash = "s3cr3t-hash", Scopes = ["ai"] });
            await context.SaveChangesAsync();
        }

        await using var read = Context(db);
        var entry = await read.AuditLog.SingleAsync(a => a.Action == "machine_client.created");
        Assert.DoesNotContain("s3cr3t", entry.Data, StringComparison.Ordinal);
        Assert.Equal("pace-ai", Change(entry.Data, "client_id")[1].GetString());
    }

    [Fact]
    public async Task A_deletion_keeps_what_was_deleted()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        var team = new Team { Name = "Palm" };
        await using (var context = Context(db))
        {
            context.Teams.Add(team);
            await context.SaveChangesAsync();
            context.Teams.Remove(team);
            await context.SaveChangesAsync();
        }

        await using var read = Context(db);
        var deleted = await read.AuditLog.SingleAsync(a => a.Action == "team.deleted");
        Assert.Equal(team.Id, deleted.EntityId);
        Assert.Equal("Palm", Change(deleted.Data, "name")[0].GetString());
        Assert.Equal(JsonValueKind.Null, Change(deleted.Data, "name")[1].ValueKind);
    }

    private static JsonElement Change(string? data, string field)
    {
        using var json = JsonDocument.Parse(data!);
        return json.RootElement.GetProperty("changes").GetProperty(field).Clone();
    }

    private static PaceDbContext Context(TestDatabase db) =>
        new(new DbContextOptionsBuilder<PaceDbContext>()
            .UseNpgsql(db.ConnectionString)
            .AddInterceptors(new TimestampsInterceptor(TimeProvider.System), new AuditInterceptor(new FixedActor(), TimeProvider.System))
            .Options);

    private sealed class FixedActor : IAuditActorAccessor
    {
        public AuditActor Current { get; } = new(Admin, null, "10.1.2.3", "trace-1");
    }
}
