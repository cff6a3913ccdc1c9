using System.Net.Http.Headers;
using Pace.Listings;
using Pace.Web.Listings;
using Pace.Web.Matching;

namespace Pace.Client;

/// <summary>
/// What a listing search asks for. By default the inventory (live and under offer) of the listings the caller may
/// see, newest first; prices in fils; <see cref="Sort"/> is <c>newest</c>, <c>price_asc</c>, <c>price_desc</c> or
/// <c>beds</c> (the price sorts need a <see cref="Purpose"/>).
/// </summary>
public sealed record ListingListQuery(
    string? Reference = null, Purpose? Purpose = null, IReadOnlyList<string>? Types = null, PropertyCategory? Category = null,
    Guid? LocationId = null, int? BedsMin = null, int? BedsMax = null, long? PriceMin = null, long? PriceMax = null,
    IReadOnlyList<ListingStatus>? Statuses = null, Guid? AgentId = null, Furnishing? Furnishing = null, CompletionStatus? Completion = null,
    string? Sort = null, string? Cursor = null, int? Limit = null);

/// <summary>An image to upload: its bytes (read and disposed by the upload), the name and type it is sent under (the server judges the bytes, not these).</summary>
public sealed record ListingUpload(Stream Content, string FileName, string ContentType, MediaKind? Kind = null, string? Caption = null);

/// <summary><c>/api/v1/listings</c>: listings, their life cycle, media and the manager's approvals.</summary>
public sealed class ListingsClient
{
    private const string Root = "api/v1/listings";
    private readonly PaceApiClient _api;

    internal ListingsClient(PaceApiClient api) => _api = api;

    public async Task<ListingPage> SearchAsync(ListingListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = new QueryString(Root).Add("reference", query.Reference).Add("purpose", query.Purpose).AddEach("type", query.Types)
            .Add("category", query.Category).Add("locationId", query.LocationId).Add("bedsMin", query.BedsMin).Add("bedsMax", query.BedsMax)
            .Add("priceMin", query.PriceMin).Add("priceMax", query.PriceMax).AddEach("status", query.Statuses).Add("agentId", query.AgentId)
            .Add("furnishing", query.Furnishing).Add("completion", query.Completion).Add("sort", query.Sort).Add("cursor", query.Cursor)
            .Add("limit", query.Limit);
        return (await _api.SendAsync<ListingPage>(HttpMethod.Get, path.ToString(), null, cancellationToken)).Value;
    }

    public Task<Versioned<ListingInfo>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ListingInfo>(HttpMethod.Get, $"{Root}/{id}", null, cancellationToken);

    /// <summary>Creates a draft with every field of <paramref name="request"/>; the caller is its agent unless it names another.</summary>
    public Task<Versioned<ListingInfo>> CreateAsync(ListingRequest request, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ListingInfo>(HttpMethod.Post, Root, request, cancellationToken);

    /// <summary>Changes the fields set on <paramref name="request"/> (one set to null is cleared); <paramref name="etag"/> from the last read.</summary>
    public Task<Versioned<ListingInfo>> UpdateAsync(Guid id, ListingRequest request, string etag, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ListingInfo>(HttpMethod.Patch, $"{Root}/{id}", request, cancellationToken, ifMatch: etag);

    /// <summary>A compliant draft to the manager's approval queue.</summary>
    public Task<Versioned<ListingInfo>> SubmitAsync(Guid id, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ListingInfo>(HttpMethod.Post, $"{Root}/{id}/submit", null, cancellationToken);

    public Task<Versioned<ListingInfo>> WithdrawAsync(Guid id, string? reason = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ListingInfo>(HttpMethod.Post, $"{Root}/{id}/withdraw", new WithdrawListingRequest(reason), cancellationToken);

    public Task<Versioned<ListingInfo>> RelistAsync(Guid id, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ListingInfo>(HttpMethod.Post, $"{Root}/{id}/relist", null, cancellationToken);

    /// <summary>A photo, floor plan, video or tour by its URL, at the end of the listing's media.</summary>
    public async Task<ListingMediaInfo> AddMediaAsync(Guid id, AddListingMediaRequest request, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<ListingMediaInfo>(HttpMethod.Post, $"{Root}/{id}/media", request, cancellationToken)).Value;

    /// <summary>
    /// Uploads a JPEG, PNG or WebP photo or floor plan into the media store, at the end of the listing's media; the
    /// same bytes again answer the item already there.
    /// </summary>
    public async Task<ListingMediaInfo> UploadMediaAsync(Guid id, ListingUpload upload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(upload.Content);
        file.Headers.ContentType = new MediaTypeHeaderValue(upload.ContentType);
        form.Add(file, "file", upload.FileName);
        if (upload.Kind is { } kind)
        {
            form.Add(new StringContent(Common.SnakeCase.Of(kind.ToString())), "kind");
        }

        if (upload.Caption is not null)
        {
            form.Add(new StringContent(upload.Caption), "caption");
        }

        return (await _api.SendAsync<ListingMediaInfo>(HttpMethod.Post, $"{Root}/{id}/media/upload", form, cancellationToken)).Value;
    }

    /// <summary>Puts the media in this order, which must name every media item of the listing once; the first image is the cover.</summary>
    public async Task<IReadOnlyList<ListingMediaInfo>> ReorderMediaAsync(Guid id, IEnumerable<Guid> mediaIds, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<List<ListingMediaInfo>>(HttpMethod.Put, $"{Root}/{id}/media/order", new ReorderListingMediaRequest([.. mediaIds]), cancellationToken)).Value;

    public Task RemoveMediaAsync(Guid id, Guid mediaId, CancellationToken cancellationToken = default) =>
        _api.SendAsync(HttpMethod.Delete, $"{Root}/{id}/media/{mediaId}", cancellationToken);

    /// <summary>Approvals waiting for the caller's decision (a manager's team, an admin's all), oldest first.</summary>
    public async Task<ListingApprovalPage> ApprovalsAsync(string? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var path = new QueryString($"{Root}/approvals").Add("cursor", cursor).Add("limit", limit);
        return (await _api.SendAsync<ListingApprovalPage>(HttpMethod.Get, path.ToString(), null, cancellationToken)).Value;
    }

    public Task<Versioned<ListingInfo>> ApproveAsync(Guid approvalId, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ListingInfo>(HttpMethod.Post, $"{Root}/approvals/{approvalId}/approve", null, cancellationToken);

    /// <summary>The active applicants, among those the caller sees, who best fit the listing (1 to 50, 20 by default), with scores and reasons.</summary>
    public async Task<ApplicantMatches> MatchesAsync(Guid id, int? limit = null, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<ApplicantMatches>(HttpMethod.Get, new QueryString($"{Root}/{id}/matches").Add("limit", limit).ToString(), null, cancellationToken)).Value;

    /// <summary>Rejects with the reason the agent reads on the listing's timeline.</summary>
    public Task<Versioned<ListingInfo>> RejectAsync(Guid approvalId, string reason, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ListingInfo>(HttpMethod.Post, $"{Root}/approvals/{approvalId}/reject", new RejectApprovalRequest(reason), cancellationToken);
}
