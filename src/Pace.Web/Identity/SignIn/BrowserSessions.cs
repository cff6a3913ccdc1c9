using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Pace.Data;
using Pace.Identity;
using Pace.Web.Audit;

namespace Pace.Web.Identity.SignIn;

/// <summary>The audit actions of browser sign-in.</summary>
public static class SignInAuditActions
{
    public const string SignedIn = "auth.signed_in";
    public const string Refused = "auth.sign_in_refused";
    public const string SignedOut = "auth.signed_out";
}

/// <summary>What a session check found: the principal to keep (possibly with fresher claims) or nothing.</summary>
public sealed record SessionCheck(bool IsLive, ClaimsPrincipal? RefreshedPrincipal);

/// <summary>
/// Server-side browser sessions: the sign-in of a verified Google identity into a PACE user, the check every
/// request makes, sign-out, and the audit rows of all three. The cookie carries the session id; the row decides.
/// </summary>
public sealed class BrowserSessions(PaceDbContext db, IOptions<SignInOptions> options, TimeProvider clock)
{
    /// <summary>Sliding writes are skipped when the session was seen this recently: one read per request, rare writes.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private SignInOptions Options => options.Value;

    /// <summary>
    /// Signs a verified identity in: the user must exist and be active, and its Google subject (bound on first
    /// sign-in) must match. Creates the session row and returns the cookie's principal.
    /// </summary>
    public async Task<ClaimsPrincipal> SignInAsync(GoogleIdentity identity, HttpContext http, CancellationToken cancellationToken)
    {
        if (await IsLockedOutAsync(identity.Email, cancellationToken))
        {
            throw new SignInRefusedException(SignInRefusal.LockedOut, identity.Email);
        }

        var user = await db.Users.AsNoTracking()
            .Where(u => u.Email == identity.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.Role, u.TeamId, u.IsActive, u.GoogleSubject })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            throw new SignInRefusedException(SignInRefusal.UnknownUser, identity.Email);
        }

        if (!user.IsActive)
        {
            throw new SignInRefusedException(SignInRefusal.Deactivated, identity.Email);
        }

        if (user.GoogleSubject is not null && !string.Equals(user.GoogleSubject, identity.Subject, StringComparison.Ordinal))
        {
            throw new SignInRefusedException(SignInRefusal.SubjectMismatch, identity.Email);
        }

        var now = clock.GetUtcNow();
        // Bulk updates bypass the audit interceptor on purpose: a sign-in is audited once, below, not as "user.updated".
        var bound = user.GoogleSubject is null;
        var updated = await db.Users
            .Where(u => u.Id == user.Id && (u.GoogleSubject == null || u.GoogleSubject == identity.Subject))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.GoogleSubject, identity.Subject).SetProperty(u => u.LastSignInAt, now), cancellationToken);
        if (updated == 0)
        {
            // Another sign-in bound a different subject between our read and this write.
            throw new SignInRefusedException(SignInRefusal.SubjectMismatch, identity.Email);
        }

        var session = new UserSession
        {
            UserId = user.Id,
            LastSeenAt = now,
            ExpiresAt = now + Min(Options.IdleTimeout, Options.AbsoluteLifetime),
            IpAddress = IpAddress(http),
            UserAgent = Truncate(http.Request.Headers[HeaderNames.UserAgent].ToString(), 500),
        };
        db.UserSessions.Add(session);
        Audit(SignInAuditActions.SignedIn, user.Id, http, new { email = user.Email, session = session.Id, google_subject_bound = bound });
        await db.SaveChangesAsync(cancellationToken);
        return Principal(user.Id, user.Email, user.DisplayName, user.Role, user.TeamId, session.Id);
    }

    /// <summary>Records a refused sign-in (reason, address when known, detail for the operator).</summary>
    public async Task AuditRefusalAsync(SignInRefusal refusal, string? email, string? detail, HttpContext http, CancellationToken cancellationToken)
    {
        Audit(SignInAuditActions.Refused, null, http, new { reason = refusal.Code, email, detail });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The check of every request: the session is live (not revoked, not idle too long, not past its absolute
    /// lifetime) and its user active. Slides the expiry, and hands back fresher claims when role or team changed.
    /// </summary>
    public async Task<SessionCheck> CheckAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal.FindFirstValue(PaceClaims.SessionId), out var sessionId)
            || !Guid.TryParse(principal.FindFirstValue(PaceClaims.UserId), out var userId))
        {
            return new SessionCheck(false, null);
        }

        // One indexed query per request (primary keys of user_sessions and users).
        var row = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.UserId == userId)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new
            {
                s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.RevokedAt, u.IsActive, u.Email, u.DisplayName, u.Role, u.TeamId,
            })
            .SingleOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var absoluteEnd = row is null ? now : row.CreatedAt + Options.AbsoluteLifetime;
        if (row is null || row.RevokedAt is not null || now >= row.ExpiresAt || now >= absoluteEnd || !row.IsActive)
        {
            return new SessionCheck(false, null);
        }

        if (now - row.LastSeenAt >= TouchInterval)
        {
            var expires = Min(now + Options.IdleTimeout, absoluteEnd);
            await db.UserSessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now).SetProperty(x => x.ExpiresAt, expires), cancellationToken);
        }

        var changed = principal.FindFirstValue(PaceClaims.Role) != IdentityModule.RoleName(row.Role)
            || principal.FindFirstValue(PaceClaims.TeamId) != row.TeamId?.ToString()
            || principal.FindFirstValue(PaceClaims.Name) != row.DisplayName
            || principal.FindFirstValue(PaceClaims.Email) != row.Email;
        return new SessionCheck(true, changed ? Principal(userId, row.Email, row.DisplayName, row.Role, row.TeamId, sessionId) : null);
    }

    /// <summary>Ends one session (sign out); audited.</summary>
    public async Task SignOutAsync(ClaimsPrincipal principal, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal.FindFirstValue(PaceClaims.SessionId), out var sessionId)
            || !Guid.TryParse(principal.FindFirstValue(PaceClaims.UserId), out var userId))
        {
            return;
        }

        var now = clock.GetUtcNow();
        await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.UpdatedAt, now), cancellationToken);
        Audit(SignInAuditActions.SignedOut, userId, http, new { session = sessionId, everywhere = false });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Ends every live session of the signed-in user ("sign out everywhere"); audited with the count.</summary>
    public async Task<int> SignOutEverywhereAsync(ClaimsPrincipal principal, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(principal.FindFirstValue(PaceClaims.UserId), out var userId))
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var revoked = await db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.UpdatedAt, now), cancellationToken);
        Audit(SignInAuditActions.SignedOut, userId, http, new { everywhere = true, sessions = revoked });
        await db.SaveChangesAsync(cancellationToken);
        return revoked;
    }

    /// <summary>
    /// Too many refusals for one address within the window. Counted from the audit log (index on action and time),
    /// so every replica sees the same count; refusals for the lockout itself do not extend it.
    /// </summary>
    public async Task<bool> IsLockedOutAsync(string email, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - Options.LockoutWindow;
        var refusals = await db.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM audit_log
            WHERE action = {SignInAuditActions.Refused} AND occurred_at >= {since}
              AND data ->> 'email' = {email} AND data ->> 'reason' <> {SignInRefusal.LockedOut.Code}
            """).SingleAsync(cancellationToken);
        return refusals >= Options.LockoutThreshold;
    }

    public static ClaimsPrincipal Principal(Guid userId, string email, string name, UserRole role, Guid? teamId, Guid sessionId)
    {
        var claims = new List<Claim>
        {
            new(PaceClaims.UserId, userId.ToString()),
            new(PaceClaims.Email, email),
            new(PaceClaims.Name, name),
            new(PaceClaims.Role, IdentityModule.RoleName(role)),
            new(PaceClaims.SessionId, sessionId.ToString()),
        };
        if (teamId is { } team)
        {
            claims.Add(new Claim(PaceClaims.TeamId, team.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, PaceSchemes.Cookie, PaceClaims.Name, PaceClaims.Role));
    }

    public static string? IpAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();

    private void Audit(string action, Guid? userId, HttpContext http, object data) =>
        db.Record(http, clock, action, userId is null ? null : "user", userId, data, actorUserId: userId);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string? Truncate(string value, int length) =>
        value.Length == 0 ? null : value.Length <= length ? value : value[..length];
}
