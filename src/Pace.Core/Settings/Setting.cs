namespace Pace.Settings;

/// <summary>A setting an admin changes at run time (approval threshold, assignment rules…), as JSON.</summary>
public sealed class Setting : Common.IVersioned
{
    public required string Key { get; set; }

    public required string Value { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? UpdatedById { get; set; }

    public uint Version { get; set; }
}
