using Pace.Web.Deals;

namespace Pace.Client;

/// <summary><c>/api/v1/deals</c>: a deal from its accepted offer to completion (with the commission split) or falling through.</summary>
public sealed class DealsClient
{
    private const string Root = "api/v1/deals";
    private readonly PaceApiClient _api;

    internal DealsClient(PaceApiClient api) => _api = api;

    public async Task<DealInfo> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<DealInfo>(HttpMethod.Get, $"{Root}/{id}", null, cancellationToken)).Value;

    /// <summary>Completes the deal: the listing is sold or rented and the commission split among the agents.</summary>
    public async Task<DealInfo> CompleteAsync(Guid id, CompleteDealRequest request, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<DealInfo>(HttpMethod.Post, $"{Root}/{id}/complete", request, cancellationToken)).Value;

    /// <summary>The deal fell through: the listing returns to the market.</summary>
    public async Task<DealInfo> FallThroughAsync(Guid id, string reason, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<DealInfo>(HttpMethod.Post, $"{Root}/{id}/fall-through", new FallThroughRequest(reason), cancellationToken)).Value;
}
