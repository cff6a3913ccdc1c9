using Pace.Common;

namespace Pace.Identity;

/// <summary>
/// A signed-in browser. The cookie carries only this id; every request checks the session is live and its user
/// active, so signing out everywhere or deactivating someone takes effect on their next request.
/// </summary>
public sealed class UserSession : Entity
{
    public Guid UserId { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }
}
