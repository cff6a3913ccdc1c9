using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Pace.Web.Admin;

/// <summary>A member of staff as an admin sees them. Never carries the Google subject.</summary>
public sealed record UserInfo(
    Guid Id, string Email, string DisplayName, string Role, Guid? TeamId, string? TeamName, string? Phone,
    string? BrokerRegistrationNumber, DateOnly? BrokerRegistrationExpiresOn, bool IsActive, DateTimeOffset? DeactivatedAt,
    DateTimeOffset? LastSignInAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record UserPage(IReadOnlyList<UserInfo> Items, string? NextCursor);

public sealed record CreateUserRequest(
    [Required] string? Email, [Required] string? DisplayName, [Required] string? Role, Guid? TeamId, string? Phone, string? BrokerRegistrationNumber,
    DateOnly? BrokerRegistrationExpiresOn);

/// <summary>
/// A partial update: an absent field is left alone. For the clearable fields an explicit <c>null</c> clears the
/// value, so each remembers whether the body named it.
/// </summary>
public sealed class UpdateUserRequest
{
    /// <summary>Absent or null: unchanged.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Absent or null: unchanged.</summary>
    public string? Role { get; set; }

    public Guid? TeamId
    {
        get;
        set
        {
            field = value;
            HasTeamId = true;
        }
    }

    public string? Phone
    {
        get;
        set
        {
            field = value;
            HasPhone = true;
        }
    }

    public string? BrokerRegistrationNumber
    {
        get;
        set
        {
            field = value;
            HasBrokerRegistrationNumber = true;
        }
    }

    public DateOnly? BrokerRegistrationExpiresOn
    {
        get;
        set
        {
            field = value;
            HasBrokerRegistrationExpiresOn = true;
        }
    }

    [JsonIgnore]
    public bool HasTeamId { get; private set; }

    [JsonIgnore]
    public bool HasPhone { get; private set; }

    [JsonIgnore]
    public bool HasBrokerRegistrationNumber { get; private set; }

    [JsonIgnore]
    public bool HasBrokerRegistrationExpiresOn { get; private set; }
}

/// <summary>A team with its manager and how many active members it has.</summary>
public sealed record TeamInfo(
    Guid Id, string Name, Guid? ManagerId, string? ManagerName, int MemberCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record CreateTeamRequest([Required] string? Name, Guid? ManagerId);

/// <summary>Absent <c>name</c>: unchanged; <c>managerId</c> absent: unchanged, null: no manager.</summary>
public sealed class UpdateTeamRequest
{
    public string? Name { get; set; }

    public Guid? ManagerId
    {
        get;
        set
        {
            field = value;
            HasManagerId = true;
        }
    }

    [JsonIgnore]
    public bool HasManagerId { get; private set; }
}
