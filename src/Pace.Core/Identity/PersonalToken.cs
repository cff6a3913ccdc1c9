using Pace.Common;

namespace Pace.Identity;

/// <summary>A person's API token for scripts: expiring, revocable, stored as a hash and found by its prefix.</summary>
public sealed class PersonalToken : Entity
{
    public Guid UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the token, unique, so a presented token is found without a scan.</summary>
    public required string Prefix { get; set; }

    public required string TokenHash { get; set; }

    public string[] Scopes { get; set; } = [];

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
