using Pace.Applicants;
using Pace.Web.Applicants;
using Pace.Web.Matching;

namespace Pace.Client;

/// <summary>What an applicant list asks for; <see cref="Q"/> is a name prefix, a phone in any format, or an email.</summary>
public sealed record ApplicantListQuery(
    string? Q = null, ApplicantStage? Stage = null, Guid? AgentId = null, bool? Unassigned = null, LeadSource? Source = null,
    string? Tag = null, string? Sort = null, string? Cursor = null, int? Limit = null);

/// <summary><c>/api/v1/applicants</c>: applicants, their requirements, duplicates, merge and assignment, their matches.</summary>
public sealed class ApplicantsClient
{
    private const string Root = "api/v1/applicants";
    private readonly PaceApiClient _api;

    internal ApplicantsClient(PaceApiClient api) => _api = api;

    public async Task<ApplicantPage> ListAsync(ApplicantListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = new QueryString(Root).Add("q", query.Q).Add("stage", query.Stage).Add("agentId", query.AgentId)
            .Add("unassigned", query.Unassigned).Add("source", query.Source).Add("tag", query.Tag).Add("sort", query.Sort)
            .Add("cursor", query.Cursor).Add("limit", query.Limit);
        return (await _api.SendAsync<ApplicantPage>(HttpMethod.Get, path.ToString(), null, cancellationToken)).Value;
    }

    public Task<Versioned<ApplicantInfo>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ApplicantInfo>(HttpMethod.Get, $"{Root}/{id}", null, cancellationToken);

    /// <param name="request">The applicant.</param>
    /// <param name="idempotencyKey">A key of the caller's choosing: a retry with the same key creates nothing more.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Versioned<ApplicantSaved>> CreateAsync(CreateApplicantRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ApplicantSaved>(HttpMethod.Post, Root, request, cancellationToken, idempotencyKey: idempotencyKey);

    public Task<Versioned<ApplicantSaved>> UpdateAsync(Guid id, UpdateApplicantRequest request, string etag, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ApplicantSaved>(HttpMethod.Patch, $"{Root}/{id}", request, cancellationToken, ifMatch: etag);

    public Task DeleteAsync(Guid id, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, $"{Root}/{id}", cancellationToken);

    public Task<Versioned<ApplicantInfo>> ChangeStageAsync(Guid id, ChangeStageRequest request, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ApplicantInfo>(HttpMethod.Post, $"{Root}/{id}/stage", request, cancellationToken);

    public async Task<IReadOnlyList<DuplicateMatch>> DuplicatesAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<List<DuplicateMatch>>(HttpMethod.Get, $"{Root}/{id}/duplicates", null, cancellationToken)).Value;

    public Task<Versioned<MergeResult>> MergeAsync(Guid survivorId, Guid duplicateId, CancellationToken cancellationToken = default) =>
        _api.SendAsync<MergeResult>(HttpMethod.Post, $"{Root}/{survivorId}/merge", new MergeRequest(duplicateId), cancellationToken);

    public Task<Versioned<ApplicantInfo>> AssignAsync(Guid id, Guid agentId, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ApplicantInfo>(HttpMethod.Post, $"{Root}/{id}/assign", new AssignRequest(agentId), cancellationToken);

    public async Task<BulkReassignResult> ReassignAsync(IEnumerable<Guid> applicantIds, Guid agentId, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<BulkReassignResult>(HttpMethod.Post, $"{Root}/reassign", new BulkReassignRequest([.. applicantIds], agentId), cancellationToken)).Value;

    public Task<Versioned<RequirementInfo>> AddRequirementAsync(Guid id, RequirementInput requirement, CancellationToken cancellationToken = default) =>
        _api.SendAsync<RequirementInfo>(HttpMethod.Post, $"{Root}/{id}/requirements", requirement, cancellationToken);

    public Task<Versioned<RequirementInfo>> ReplaceRequirementAsync(Guid id, Guid requirementId, RequirementInput requirement, string etag, CancellationToken cancellationToken = default) =>
        _api.SendAsync<RequirementInfo>(HttpMethod.Put, $"{Root}/{id}/requirements/{requirementId}", requirement, cancellationToken, ifMatch: etag);

    public Task DeleteRequirementAsync(Guid id, Guid requirementId, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, $"{Root}/{id}/requirements/{requirementId}", cancellationToken);

    /// <summary>The live listings that best fit the applicant's requirements (1 to 50, 20 by default), each with its score and reasons.</summary>
    public async Task<ListingMatches> MatchesAsync(Guid id, int? limit = null, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<ListingMatches>(HttpMethod.Get, new QueryString($"{Root}/{id}/matches").Add("limit", limit).ToString(), null, cancellationToken)).Value;

    /// <summary>Takes the listing out of the applicant's matches (and them out of its), with what they said; marking twice keeps the first mark.</summary>
    public async Task<NotInterestedInfo> MarkNotInterestedAsync(Guid id, Guid listingId, string? reason = null, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<NotInterestedInfo>(HttpMethod.Post, $"{Root}/{id}/not-interested", new NotInterestedRequest(listingId, reason), cancellationToken)).Value;

    /// <summary>Takes the not-interested mark back: the listing can match the applicant again.</summary>
    public Task UnmarkNotInterestedAsync(Guid id, Guid listingId, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, $"{Root}/{id}/not-interested/{listingId}", cancellationToken);
}
