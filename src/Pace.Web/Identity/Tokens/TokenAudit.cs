using System.Diagnostics;
using System.Text.Json;
using Pace.Audit;
using Pace.Data;

namespace Pace.Web.Identity.Tokens;

/// <summary>
/// Explicit audit rows of the Authenticator (issuance, refusals, revocations): events that are not a change of an
/// entity the interceptor sees. Never carries a secret, a hash or a token.
/// </summary>
internal static class TokenAudit
{
    public static void Add(
        PaceDbContext db, HttpContext context, TimeProvider clock, string action, string entityType, Guid? entityId, object data,
        Guid? actorUserId = null, string? actorClient = null)
    {
        var actor = context.User.Identity?.IsAuthenticated == true ? context.User.ToActor() : null;
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = clock.GetUtcNow(),
            ActorUserId = actorUserId ?? actor?.UserId,
            ActorClient = Truncate(actorClient ?? actor?.ClientId, 100),
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Data = JsonSerializer.Serialize(data),
            IpAddress = Truncate(context.Connection.RemoteIpAddress?.ToString(), 45),
            TraceId = Activity.Current?.TraceId.ToHexString() ?? Truncate(context.TraceIdentifier, 32),
        });
    }

    public static string? Truncate(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
