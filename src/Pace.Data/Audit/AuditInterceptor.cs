using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Pace.Activities;
using Pace.Audit;
using Pace.Common;
using Pace.Data.Common;
using Pace.Identity;
using Pace.Notifications;
using Pace.Outbox;
using Pace.Webhooks;

namespace Pace.Data.Audit;

/// <summary>Who is acting in the current unit of work, for the audit log.</summary>
public sealed record AuditActor(Guid? UserId, string? Client, string? IpAddress, string? TraceId)
{
    public static readonly AuditActor System = new(null, "system", null, null);
}

/// <summary>Supplies the actor of the current request or job (pace-web reads it from the signed-in principal).</summary>
public interface IAuditActorAccessor
{
    AuditActor Current { get; }
}

/// <summary>
/// Writes one audit entry per created, updated or deleted business record, with field-level before/after, in the
/// same transaction as the change. Secrets are never copied. Bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> bypass
/// this: code that uses them writes its own entries.
/// </summary>
public sealed class AuditInterceptor(IAuditActorAccessor actors, TimeProvider clock) : BeforeSaveInterceptor
{
    private static readonly HashSet<Type> NotAudited =
    [
        typeof(AuditEntry), typeof(Activity), typeof(OutboxMessage), typeof(InboundWebhook), typeof(UserSession),
        typeof(SigningKey), typeof(DataProtectionKey), typeof(Notification),
    ];

    private static readonly string[] SecretSuffixes = ["Hash", "Encrypted", "Xml"];

    protected override void BeforeSave(DbContext? context)
    {
        if (context is not PaceDbContext pace)
        {
            return;
        }

        var actor = actors.Current;
        var now = clock.GetUtcNow();
        var entries = pace.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !NotAudited.Contains(e.Metadata.ClrType))
            .Select(e => Describe(e, actor, now))
            .OfType<AuditEntry>()
            .ToList();
        pace.AuditLog.AddRange(entries);
    }

    private static AuditEntry? Describe(EntityEntry entry, AuditActor actor, DateTimeOffset now)
    {
        var changes = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (property.Metadata.IsPrimaryKey() && entry.Entity is Entity
                || name is nameof(Entity.CreatedAt) or nameof(Entity.UpdatedAt) or nameof(IVersioned.Version)
                || property.Metadata.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAddOrUpdate
                || SecretSuffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal)))
            {
                continue;
            }

            var (before, after) = entry.State switch
            {
                EntityState.Added => (null, property.CurrentValue),
                EntityState.Deleted => (property.OriginalValue, null),
                _ => (property.OriginalValue, property.CurrentValue),
            };
            if (entry.State == EntityState.Modified && (!property.IsModified || Equals(before, after)))
            {
                continue;
            }

            if (entry.State != EntityState.Modified && before is null && after is null)
            {
                continue;
            }

            changes[ModelConventions.ToSnakeCase(name)] = [Plain(before), Plain(after)];
        }

        if (changes.Count == 0)
        {
            return null;
        }

        var type = ModelConventions.ToSnakeCase(entry.Metadata.ClrType.Name);
        var verb = entry.State switch
        {
            EntityState.Added => "created",
            EntityState.Deleted => "deleted",
            _ => "updated",
        };
        return AuditLog.Entry(actor, now, $"{type}.{verb}", type, EntityId(entry), JsonSerializer.Serialize(new { changes }));
    }

    /// <summary>The id the record is found by: its own, or for a dependent row without one (a consent), its owner's.</summary>
    private static Guid? EntityId(EntityEntry entry) => entry.Entity switch
    {
        Entity e => e.Id,
        _ => entry.Metadata.FindPrimaryKey()?.Properties.Select(p => entry.Property(p.Name).CurrentValue).OfType<Guid>().FirstOrDefault(),
    };

    /// <summary>Enums as their stored names, everything else as JSON serialises it.</summary>
    private static object? Plain(object? value) => value switch
    {
        Enum e => ModelConventions.ToSnakeCase(e.ToString()),
        _ => value,
    };
}

/// <summary>No request: the system itself is acting (seeding, jobs without a person).</summary>
public sealed class SystemAuditActor : IAuditActorAccessor
{
    public AuditActor Current => AuditActor.System;
}
