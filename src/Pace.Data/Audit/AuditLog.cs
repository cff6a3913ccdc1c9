using System.Text.Json;
using Pace.Audit;

namespace Pace.Data.Audit;

/// <summary>Writing audit entries: the one place an <see cref="AuditEntry"/> is put together.</summary>
public static class AuditLog
{
    /// <summary>
    /// Records an event that is not a change of an entity the interceptor sees (a sign-in, a refusal, a token issued,
    /// a sync run). It is saved with the context's next <c>SaveChanges</c>.
    /// </summary>
    public static void Record(
        this PaceDbContext db, AuditActor actor, DateTimeOffset at, string action, string? entityType, Guid? entityId, object data) =>
        db.AuditLog.Add(Entry(actor, at, action, entityType, entityId, JsonSerializer.Serialize(data)));

    internal static AuditEntry Entry(AuditActor actor, DateTimeOffset at, string action, string? entityType, Guid? entityId, string data) => new()
    {
        OccurredAt = at,
        ActorUserId = actor.UserId,
        ActorClient = Truncate(actor.Client, 100),
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        Data = data,
        IpAddress = Truncate(actor.IpAddress, 45),
        TraceId = Truncate(actor.TraceId, 32),
    };

    /// <summary>Cuts what a caller sent to the length its column holds.</summary>
    public static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
