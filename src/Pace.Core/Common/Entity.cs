namespace Pace.Common;

/// <summary>A row with an identity and the two timestamps every table carries (UTC).</summary>
public abstract class Entity
{
    /// <summary>UUIDv7: time-ordered, so inserts stay at the right edge of the primary-key index.</summary>
    public Guid Id { get; set; } = Uuid7.NewGuid();

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A row two people can edit at once. <see cref="Version"/> maps to PostgreSQL's <c>xmin</c>, so a stale update
/// fails with a concurrency conflict instead of silently overwriting.
/// </summary>
public interface IVersioned
{
    uint Version { get; set; }
}
