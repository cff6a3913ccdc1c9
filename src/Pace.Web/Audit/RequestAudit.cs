using Pace.Data;
using Pace.Data.Audit;
using Pace.Web.Identity;

namespace Pace.Web.Audit;

public static class RequestAudit
{
    /// <summary>
    /// Records an event of this request that is not an entity change (issuance, refusals, revocations, sign-ins),
    /// acted by the request's principal unless <paramref name="actorUserId"/> or <paramref name="actorClient"/> say
    /// who it was (a person being signed in, a client presenting its secret). Never pass a secret, hash or token.
    /// </summary>
    public static void Record(
        this PaceDbContext db, HttpContext context, TimeProvider clock, string action, string? entityType, Guid? entityId, object data,
        Guid? actorUserId = null, string? actorClient = null)
    {
        var actor = HttpAuditActor.From(context);
        actor = actor with { UserId = actorUserId ?? actor.UserId, Client = actorClient ?? actor.Client };
        db.Record(actor, clock.GetUtcNow(), action, entityType, entityId, data);
    }
}
