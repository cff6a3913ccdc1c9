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
            if (http is null)
            {
                return AuditActor.System;
            }

            var user = http.User;
            Guid? userId = user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(PaceClaims.UserId), out var id) ? id : null;
            var client = user.Identity?.IsAuthenticated == true ? user.FindFirstValue(PaceClaims.ClientId) : null;
            return new AuditActor(
                userId,
                client,
                http.Connection.RemoteIpAddress?.ToString(),
                Activity.Current?.TraceId.ToHexString());
        }
    }
}
