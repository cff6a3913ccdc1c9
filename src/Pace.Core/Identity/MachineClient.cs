using Pace.Common;

namespace Pace.Identity;

/// <summary>
/// A service that calls PACE with the client-credentials grant (pace-ai, pace-mcp, the Salesforce adapter, the
/// brokerage's website). The secret is shown once and stored hashed.
/// </summary>
public sealed class MachineClient : Entity, IVersioned
{
    public required string ClientId { get; set; }

    public required string Name { get; set; }

    public required string SecretHash { get; set; }

    public string[] Scopes { get; set; } = [];

    public bool IsActive { get; set; } = true;

    public Guid? CreatedById { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public uint Version { get; set; }
}
