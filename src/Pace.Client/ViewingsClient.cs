using Pace.Web.Viewings;

namespace Pace.Client;

/// <summary><c>/api/v1/viewings</c>: booking, rescheduling and the outcome of viewings.</summary>
public sealed class ViewingsClient
{
    private const string Root = "api/v1/viewings";
    private readonly PaceApiClient _api;

    internal ViewingsClient(PaceApiClient api) => _api = api;

    /// <summary>The viewings of the agents the caller acts for (or of <paramref name="agentId"/>) between two times, soonest first.</summary>
    public async Task<ViewingPage> ListAsync(
        Guid? agentId = null, DateTimeOffset? from = null, DateTimeOffset? to = null, string? cursor = null, int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var path = new QueryString(Root).Add("agentId", agentId).Add("from", from).Add("to", to).Add("cursor", cursor).Add("limit", limit);
        return (await _api.SendAsync<ViewingPage>(HttpMethod.Get, path.ToString(), null, cancellationToken)).Value;
    }

    public Task<Versioned<ViewingInfo>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ViewingInfo>(HttpMethod.Get, $"{Root}/{id}", null, cancellationToken);

    /// <summary>Books a viewing; a double booking of the agent is refused, other clashes come back as warnings.</summary>
    public Task<Versioned<ViewingBooked>> BookAsync(CreateViewingRequest request, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ViewingBooked>(HttpMethod.Post, Root, request, cancellationToken);

    /// <summary>
    /// Moves the viewing or hands it to another agent: only the fields set on <paramref name="request"/> change;
    /// <paramref name="etag"/> from the last read (a reschedule must not undo one made meanwhile).
    /// </summary>
    public Task<Versioned<ViewingBooked>> RescheduleAsync(Guid id, RescheduleViewingRequest request, string etag, CancellationToken cancellationToken = default) =>
        _api.SendAsync<ViewingBooked>(HttpMethod.Patch, $"{Root}/{id}", request, cancellationToken, ifMatch: etag);

    public async Task<ViewingInfo> ConfirmAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<ViewingInfo>(HttpMethod.Post, $"{Root}/{id}/confirm", null, cancellationToken)).Value;

    /// <summary>The viewing took place, with the applicant's feedback and a rating of 1 to 5.</summary>
    public async Task<ViewingInfo> CompleteAsync(Guid id, string? feedback = null, int? rating = null, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<ViewingInfo>(HttpMethod.Post, $"{Root}/{id}/complete", new CompleteViewingRequest(feedback, rating), cancellationToken)).Value;

    public async Task<ViewingInfo> NoShowAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<ViewingInfo>(HttpMethod.Post, $"{Root}/{id}/no-show", null, cancellationToken)).Value;

    public async Task<ViewingInfo> CancelAsync(Guid id, string reason, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<ViewingInfo>(HttpMethod.Post, $"{Root}/{id}/cancel", new CancelViewingRequest(reason), cancellationToken)).Value;
}
