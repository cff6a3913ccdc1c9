using Microsoft.Extensions.Options;

namespace Pace.Sandbox.Google;

/// <summary>An account of the sandbox Google Workspace, as an administrator would create it.</summary>
public sealed record WorkspaceUser(string PrimaryEmail, string GivenName, string FamilyName)
{
    /// <summary>The organizational unit, e.g. <c>/Sales/Dubai Marina</c>.</summary>
    public string OrgUnitPath { get; init; } = "/";

    public string? Title { get; init; }

    public string? Department { get; init; }

    /// <summary>A super administrator: may read the directory through the Admin SDK.</summary>
    public bool IsAdmin { get; init; }

    public bool Suspended { get; init; }

    /// <summary>When the account was created; unset means when the directory was seeded.</summary>
    public DateTimeOffset? CreationTime { get; init; }

    public string FullName => string.IsNullOrEmpty(FamilyName) ? GivenName : $"{GivenName} {FamilyName}";
}

/// <summary>
/// Where the sandbox directory's first accounts come from. The users of every registered seed are merged in order;
/// when they yield none, <see cref="DefaultWorkspaceDirectorySeed"/> supplies the fixed demo accounts.
/// </summary>
public interface IWorkspaceDirectorySeed
{
    IEnumerable<WorkspaceUser> Users();
}

/// <summary>The fixed accounts a person can sign in with when nothing else seeds the directory.</summary>
public sealed class DefaultWorkspaceDirectorySeed(string domain) : IWorkspaceDirectorySeed
{
    public IEnumerable<WorkspaceUser> Users() =>
    [
        new($"admin@{domain}", "Sara", "Al Mansoori")
        {
            OrgUnitPath = "/Management", Title = "CRM Administrator", Department = "Operations", IsAdmin = true,
        },
        new($"manager@{domain}", "Omar", "Haddad")
        {
            OrgUnitPath = "/Sales/Dubai Marina", Title = "Team Manager, Dubai Marina", Department = "Sales",
        },
        new($"agent@{domain}", "Priya", "Nair")
        {
            OrgUnitPath = "/Sales/Dubai Marina", Title = "Property Consultant", Department = "Sales",
        },
        new($"agent2@{domain}", "James", "Carter")
        {
            OrgUnitPath = "/Sales/Downtown", Title = "Property Consultant", Department = "Sales",
        },
    ];
}

/// <summary>One account as the directory holds it: the user plus what Google adds (id, times, deletion).</summary>
public sealed record DirectoryEntry(
    WorkspaceUser User,
    string Id,
    DateTimeOffset CreationTime,
    DateTimeOffset? LastLoginTime,
    DateTimeOffset? DeletionTime,
    long Version)
{
    public string Email => User.PrimaryEmail;

    public bool Deleted => DeletionTime is not null;
}

public enum DirectoryChange
{
    Done,
    NotFound,
    AlreadyExists,
    NotAWorkspaceDomain,
}

/// <summary>
/// The sandbox Google Workspace: its accounts, in memory and safe to use from many requests at once. Deleted
/// accounts are kept apart (the Admin SDK lists them with <c>showDeleted=true</c>).
/// </summary>
public sealed class WorkspaceDirectory
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DirectoryEntry> _active = new(StringComparer.Ordinal);
    private readonly List<DirectoryEntry> _deleted = [];
    private readonly HashSet<string> _domains;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkspaceDirectory> _logger;
    private long _version;

    public WorkspaceDirectory(
        IEnumerable<IWorkspaceDirectorySeed> seeds,
        IOptions<GoogleSandboxOptions> options,
        TimeProvider time,
        ILogger<WorkspaceDirectory> logger)
    {
        _time = time;
        _logger = logger;
        _domains = new HashSet<string>(options.Value.WorkspaceDomains.Select(GoogleIds.NormalizeEmail), StringComparer.Ordinal);
        var users = seeds.SelectMany(s => s.Users()).ToList();
        if (users.Count == 0)
        {
            users.AddRange(new DefaultWorkspaceDirectorySeed(options.Value.WorkspaceDomains[0]).Users());
        }

        foreach (var user in users)
        {
            switch (Add(user))
            {
                case DirectoryChange.NotAWorkspaceDomain:
                    GoogleLog.SeedUserOutsideWorkspace(_logger, user.PrimaryEmail);
                    break;
                case DirectoryChange.AlreadyExists:
                    GoogleLog.SeedUserDuplicate(_logger, user.PrimaryEmail);
                    break;
            }
        }

        var domains = string.Join(", ", _domains);
        GoogleLog.DirectorySeeded(_logger, _active.Count, domains);
    }

    public IReadOnlyCollection<string> Domains => _domains;

    public bool IsWorkspaceDomain(string domain) => _domains.Contains(GoogleIds.NormalizeEmail(domain));

    /// <summary>The account (active or suspended) with this address, or null when there is none or it was deleted.</summary>
    public DirectoryEntry? Find(string email)
    {
        lock (_gate)
        {
            return _active.GetValueOrDefault(GoogleIds.NormalizeEmail(email));
        }
    }

    /// <summary>True when the address belongs to an account that is suspended, or was deleted and not re-created.</summary>
    public bool HasLostAccess(string email)
    {
        var key = GoogleIds.NormalizeEmail(email);
        lock (_gate)
        {
            return _active.TryGetValue(key, out var entry) ? entry.User.Suspended : _deleted.Any(d => d.Email == key);
        }
    }

    /// <summary>A snapshot: the live accounts, then (when asked) the deleted ones.</summary>
    public IReadOnlyList<DirectoryEntry> Snapshot(bool deleted = false)
    {
        lock (_gate)
        {
            return deleted ? _deleted.ToList() : _active.Values.ToList();
        }
    }

    public DirectoryChange Add(WorkspaceUser user)
    {
        var email = GoogleIds.NormalizeEmail(user.PrimaryEmail);
        if (!email.Contains('@', StringComparison.Ordinal) || !IsWorkspaceDomain(GoogleIds.DomainOf(email)))
        {
            return DirectoryChange.NotAWorkspaceDomain;
        }

        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_active.ContainsKey(email))
            {
                return DirectoryChange.AlreadyExists;
            }

            // A re-created address is a new Google account; the id stays the one derived from the address so a
            // person signing in again keeps the same `sub`.
            _active[email] = new DirectoryEntry(
                user with { PrimaryEmail = email },
                GoogleIds.SubjectFor(email),
                user.CreationTime ?? now,
                LastLoginTime: null,
                DeletionTime: null,
                ++_version);
            return DirectoryChange.Done;
        }
    }

    public DirectoryEntry? SetSuspended(string email, bool suspended) =>
        Update(email, e => e with { User = e.User with { Suspended = suspended } });

    public DirectoryEntry? RecordLogin(string email) =>
        Update(email, e => e with { LastLoginTime = _time.GetUtcNow() });

    public bool Delete(string email)
    {
        var key = GoogleIds.NormalizeEmail(email);
        lock (_gate)
        {
            if (!_active.Remove(key, out var entry))
            {
                return false;
            }

            _deleted.Add(entry with { DeletionTime = _time.GetUtcNow(), Version = ++_version });
            return true;
        }
    }

    private DirectoryEntry? Update(string email, Func<DirectoryEntry, DirectoryEntry> change)
    {
        var key = GoogleIds.NormalizeEmail(email);
        lock (_gate)
        {
            if (!_active.TryGetValue(key, out var entry))
            {
                return null;
            }

            var updated = change(entry) with { Version = ++_version };
            _active[key] = updated;
            return updated;
        }
    }
}

/// <summary>The accounts of <see cref="GoogleSandboxOptions.DirectoryFile"/>, when one is configured.</summary>
public sealed class FileWorkspaceDirectorySeed(IOptions<GoogleSandboxOptions> options) : IWorkspaceDirectorySeed
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public IEnumerable<WorkspaceUser> Users()
    {
        if (options.Value.DirectoryFile is not { Length: > 0 } path)
        {
            return [];
        }

        using var file = File.OpenRead(path);
        return System.Text.Json.JsonSerializer.Deserialize<List<WorkspaceUser>>(file, Json)
            ?? throw new InvalidOperationException($"Sandbox:Google:DirectoryFile '{path}' holds no users.");
    }
}
