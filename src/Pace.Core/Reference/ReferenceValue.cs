using Pace.Common;

namespace Pace.Reference;

public enum ReferenceKind
{
    PropertyType,
    Amenity,
    LostReason,
    Language,
    Nationality,
}

/// <summary>A value of a pick list an admin can maintain (property types, amenities, lost reasons…).</summary>
public sealed class ReferenceValue : Entity
{
    public ReferenceKind Kind { get; set; }

    /// <summary>Stable code, the portal slug where one exists (<c>apartment</c>, <c>shared-pool</c>).</summary>
    public required string Code { get; set; }

    public required string Label { get; set; }

    public string? LabelAr { get; set; }

    public int SortOrder { get; set; }

    public bool IsActive { get; set; } = true;
}
