namespace Pace.Identity;

/// <summary>
/// Who is asking: a member of staff (possibly through a machine acting for them), or a machine on its own. What
/// they may see is decided from this in the queries, never in the UI.
/// </summary>
public sealed record Actor(Guid? UserId, UserRole? Role, Guid? TeamId, string? ClientId, IReadOnlySet<string> Scopes)
{
    public bool IsPerson => UserId is not null && Role is not null;

    public bool IsAdmin => Role == UserRole.Admin;

    public bool IsManager => Role == UserRole.Manager;

    public bool HasScope(string scope) => Scopes.Contains(scope);

    public static Actor Person(Guid userId, UserRole role, Guid? teamId) =>
        new(userId, role, teamId, null, new HashSet<string>(StringComparer.Ordinal));
}
