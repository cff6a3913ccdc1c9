using System.Diagnostics;
using System.Security.Claims;
using Pace.Data.Audit;

namespace Pace.Web.Identity;

/// <summary>
/// The actor of the current request for the audit log: the signed-in person (cookie, personal or delegated token),
/// the machine client of a token, the caller's address and the trace. Outside a request, the system.
/// </summary>
public sealed class HttpAuditActor(IHttpContextAccessor accessor) : IAuditActorAccessor
{
    public AuditActor Current
    {
        get
        {
            var http = accessor.HttpContext;
            return http is null ? AuditActor.System : From(http);
        }
    }

    /// <summary>Who is acting in <paramref name="http"/>: the signed-in person or client, the address, the trace.</summary>
    public static AuditActor From(HttpContext http)
    {
        var user = http.User;
        var authenticated = user.Identity?.IsAuthenticated == true;
        Guid? userId = authenticated && Guid.TryParse(user.FindFirstValue(PaceClaims.UserId), out var id) ? id : null;
        return new AuditActor(
            userId,
            authenticated ? user.FindFirstValue(PaceClaims.ClientId) : null,
            http.Connection.RemoteIpAddress?.ToString(),
            Activity.Current?.TraceId.ToHexString() ?? http.TraceIdentifier);
    }
}
