using Pace.Web.Deals;

namespace Pace.Client;

/// <summary><c>/api/v1/offers</c>: offers on listings, and the listing side's answers to them.</summary>
public sealed class OffersClient
{
    private const string Root = "api/v1/offers";
    private readonly PaceApiClient _api;

    internal OffersClient(PaceApiClient api) => _api = api;

    /// <summary>Offers the caller may see, of one listing or one applicant if given, newest first.</summary>
    public async Task<OfferPage> ListAsync(
        Guid? listingId = null, Guid? applicantId = null, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var path = new QueryString(Root).Add("listingId", listingId).Add("applicantId", applicantId).Add("cursor", cursor).Add("limit", limit);
        return (await _api.SendAsync<OfferPage>(HttpMethod.Get, path.ToString(), null, cancellationToken)).Value;
    }

    public async Task<OfferInfo> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<OfferInfo>(HttpMethod.Get, $"{Root}/{id}", null, cancellationToken)).Value;

    /// <summary>The applicant's agent makes an offer on a listing.</summary>
    public async Task<OfferInfo> MakeAsync(CreateOfferRequest request, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<OfferInfo>(HttpMethod.Post, Root, request, cancellationToken)).Value;

    /// <summary>The listing's side accepts: the offer becomes a deal in progress (its id on the answer).</summary>
    public async Task<OfferInfo> AcceptAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<OfferInfo>(HttpMethod.Post, $"{Root}/{id}/accept", null, cancellationToken)).Value;

    public async Task<OfferInfo> RejectAsync(Guid id, string reason, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<OfferInfo>(HttpMethod.Post, $"{Root}/{id}/reject", new OfferReasonRequest(reason), cancellationToken)).Value;

    public async Task<OfferInfo> WithdrawAsync(Guid id, string? reason = null, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<OfferInfo>(HttpMethod.Post, $"{Root}/{id}/withdraw", new OfferReasonRequest(reason), cancellationToken)).Value;

    /// <summary>The listing's side answers with another amount, which is then the amount on the table.</summary>
    public async Task<OfferInfo> CounterAsync(Guid id, long amountMinor, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<OfferInfo>(HttpMethod.Post, $"{Root}/{id}/counter", new CounterOfferRequest(amountMinor), cancellationToken)).Value;
}
