using Pace.Common;

namespace Pace.Identity;

public enum UserRole
{
    Agent,
    Manager,
    Admin,
}

/// <summary>A member of staff. PACE stores no password: people sign in with Google Workspace.</summary>
public sealed class User : Entity, IVersioned
{
    /// <summary>Lower-case Workspace address; unique.</summary>
    public required string Email { get; set; }

    public required string DisplayName { get; set; }

    public UserRole Role { get; set; }

    public Guid? TeamId { get; set; }

    public Team? Team { get; set; }

    /// <summary>E.164 work mobile, shown on listings and used for click-to-dial.</summary>
    public string? Phone { get; set; }

    /// <summary>RERA Broker Registration Number (BRN) and its expiry; portals refuse listings of agents without one.</summary>
    public string? BrokerRegistrationNumber { get; set; }

    public DateOnly? BrokerRegistrationExpiresOn { get; set; }

    public string? PhotoUrl { get; set; }

    /// <summary>Google's stable subject id (<c>sub</c>), bound at first sign-in.</summary>
    public string? GoogleSubject { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTimeOffset? DeactivatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    public uint Version { get; set; }
}

public sealed class Team : Entity, IVersioned
{
    public required string Name { get; set; }

    public Guid? ManagerId { get; set; }

    public User? Manager { get; set; }

    public uint Version { get; set; }
}
