using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Pace.Applicants;
using Pace.Listings;

namespace Pace.Web.Applicants;

public sealed record ApplicantPhoneInfo(string Number, string? Label, bool IsPrimary, bool IsWhatsApp);

public sealed record ConsentInfo(ConsentChannel Channel, bool Granted, string? Source, DateTimeOffset RecordedAt);

public sealed record RequirementInfo(
    Guid Id, Purpose Purpose, PropertyCategory Category, string[] PropertyTypes, Guid[] LocationIds, short? BedroomsMin,
    short? BedroomsMax, short? BathroomsMin, long? BudgetMin, long? BudgetMax, string Currency, decimal? SizeMinSqft,
    decimal? SizeMaxSqft, DateOnly? MoveInBy, Furnishing? Furnishing, CompletionStatus? CompletionStatus, bool IsActive,
    string? Notes, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A stretch of time the applicant spent in one stage; <c>leftAt</c> is null for the current one.</summary>
public sealed record StagePeriod(ApplicantStage Stage, DateTimeOffset EnteredAt, DateTimeOffset? LeftAt, long Seconds);

/// <summary>An applicant as the people who may see them read them: the profile, requirements and consent.</summary>
public sealed record ApplicantInfo(
    Guid Id, ContactKind Kind, string FirstName, string? LastName, string FullName, string? Language, string? Nationality,
    LeadSource Source, string? SourceDetail, ApplicantStage Stage, DateTimeOffset StageChangedAt, string? LostReason,
    Guid? AssignedAgentId, string? AssignedAgentName, DateTimeOffset? AssignedAt, DateTimeOffset? FirstContactedAt,
    DateTimeOffset? LastActivityAt, string[] Tags, string? Notes, Guid? MergedIntoId,
    IReadOnlyList<ApplicantPhoneInfo> Phones, IReadOnlyList<string> Emails, IReadOnlyList<RequirementInfo> Requirements,
    IReadOnlyList<ConsentInfo> Consents, IReadOnlyList<StagePeriod> StageHistory, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One row of an applicant list or search.</summary>
public sealed record ApplicantSummary(
    Guid Id, ContactKind Kind, string FullName, ApplicantStage Stage, DateTimeOffset StageChangedAt, LeadSource Source,
    Guid? AssignedAgentId, string? AssignedAgentName, string? PrimaryPhone, string? PrimaryEmail, string[] Tags,
    DateTimeOffset? LastActivityAt, DateTimeOffset CreatedAt);

public sealed record ApplicantPage(IReadOnlyList<ApplicantSummary> Items, string? NextCursor);

/// <summary>
/// A record that is probably the same person. The caller sees who it is only when they may see the record;
/// otherwise only whose lead it is, so a duplicate is flagged without revealing another agent's client.
/// </summary>
public sealed record DuplicateMatch(Guid? Id, string? FullName, ApplicantStage? Stage, string? AssignedAgentName, bool Visible, IReadOnlyList<string> Reasons);

/// <summary>The applicant after a create or update, with the likely duplicates found for it.</summary>
public sealed record ApplicantSaved(ApplicantInfo Applicant, IReadOnlyList<DuplicateMatch> Duplicates);

public sealed record PhoneInput(string? Number, string? Label, bool? IsPrimary, bool? IsWhatsApp);

public sealed record ConsentInput(ConsentChannel? Channel, bool? Granted, string? Source);

public sealed record RequirementInput(
    [Required] Purpose? Purpose, PropertyCategory? Category, string[]? PropertyTypes, Guid[]? LocationIds, short? BedroomsMin,
    short? BedroomsMax, short? BathroomsMin, long? BudgetMin, long? BudgetMax, decimal? SizeMinSqft, decimal? SizeMaxSqft,
    DateOnly? MoveInBy, Furnishing? Furnishing, CompletionStatus? CompletionStatus, bool? IsActive, string? Notes);

/// <summary>A new applicant: <c>firstName</c>, <c>source</c>, and a phone or an email (at least one of the two).</summary>
public sealed record CreateApplicantRequest(
    ContactKind? Kind, [Required] string? FirstName, string? LastName, string? Language, string? Nationality, [Required] LeadSource? Source,
    string? SourceDetail, Guid? AssignedAgentId, string[]? Tags, string? Notes, PhoneInput[]? Phones, string[]? Emails,
    RequirementInput[]? Requirements, ConsentInput[]? Consents);

/// <summary>
/// A partial update: an absent field is left alone. Clearable fields remember whether the body named them, so an
/// explicit <c>null</c> clears. <c>phones</c>, <c>emails</c> and <c>tags</c> replace the whole list; <c>consents</c>
/// records the channels it names. Stage and agent change through their own endpoints.
/// </summary>
public sealed class UpdateApplicantRequest
{
    public ContactKind? Kind { get; set; }

    public string? FirstName { get; set; }

    public LeadSource? Source { get; set; }

    public string[]? Tags { get; set; }

    public PhoneInput[]? Phones { get; set; }

    public string[]? Emails { get; set; }

    public ConsentInput[]? Consents { get; set; }

    public string? LastName
    {
        get;
        set
        {
            field = value;
            HasLastName = true;
        }
    }

    public string? Language
    {
        get;
        set
        {
            field = value;
            HasLanguage = true;
        }
    }

    public string? Nationality
    {
        get;
        set
        {
            field = value;
            HasNationality = true;
        }
    }

    public string? SourceDetail
    {
        get;
        set
        {
            field = value;
            HasSourceDetail = true;
        }
    }

    public string? Notes
    {
        get;
        set
        {
            field = value;
            HasNotes = true;
        }
    }

    [JsonIgnore]
    public bool HasLastName { get; private set; }

    [JsonIgnore]
    public bool HasLanguage { get; private set; }

    [JsonIgnore]
    public bool HasNationality { get; private set; }

    [JsonIgnore]
    public bool HasSourceDetail { get; private set; }

    [JsonIgnore]
    public bool HasNotes { get; private set; }
}

/// <summary>Move the applicant along the pipeline; Lost needs a <c>lostReason</c> (a lost_reason reference code).</summary>
public sealed record ChangeStageRequest(ApplicantStage? Stage, string? LostReason, string? Note);

public sealed record AssignRequest(Guid? AgentId);

public sealed record BulkReassignRequest(Guid[]? ApplicantIds, Guid? AgentId);

/// <summary>What a bulk reassignment did: ids not found (or not visible) are listed, not failed.</summary>
public sealed record BulkReassignResult(int Reassigned, int Unchanged, IReadOnlyList<Guid> NotFound);

/// <summary>Merge <c>duplicateId</c> into the applicant of the route, which survives with everything of both.</summary>
public sealed record MergeRequest(Guid? DuplicateId);

public sealed record MergeResult(ApplicantInfo Applicant, Guid MergedId, IReadOnlyDictionary<string, int> Moved);

public sealed record AssignmentRuleInfo(
    Guid Id, Guid TeamId, string Name, int Priority, AssignmentStrategy Strategy, Purpose? Purpose, long? PriceMin,
    long? PriceMax, Guid[] LocationIds, Guid[] AgentIds, bool IsActive, Guid? LastAssignedUserId, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>A rule as written by a manager (for their team) or an admin; the whole rule on create and on update.</summary>
public sealed record AssignmentRuleInput(
    Guid? TeamId, string? Name, int? Priority, AssignmentStrategy? Strategy, Purpose? Purpose, long? PriceMin, long? PriceMax,
    Guid[]? LocationIds, Guid[]? AgentIds, bool? IsActive);
