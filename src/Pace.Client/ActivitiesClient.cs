using Pace.Activities;
using Pace.Web.Activities;

namespace Pace.Client;

/// <summary>
/// <c>/api/v1/activities</c> and the timelines: notes, calls and messages logged by hand, and everything that
/// happened to an applicant or a listing, newest first.
/// </summary>
public sealed class ActivitiesClient
{
    private readonly PaceApiClient _api;

    internal ActivitiesClient(PaceApiClient api) => _api = api;

    /// <summary>Logs a note, call, email, WhatsApp message or SMS on an applicant and/or a listing.</summary>
    public async Task<TimelineItem> LogAsync(LogActivityRequest request, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<TimelineItem>(HttpMethod.Post, "api/v1/activities", request, cancellationToken)).Value;

    /// <summary>One page of an applicant's timeline, optionally only some kinds.</summary>
    public Task<TimelinePage> ApplicantTimelineAsync(
        Guid applicantId, IReadOnlyList<ActivityKind>? kinds = null, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default) =>
        TimelineAsync($"api/v1/applicants/{applicantId}/timeline", kinds, cursor, limit, cancellationToken);

    /// <summary>One page of a listing's timeline (entries about applicants the caller does not see are left out, unless they run the listing).</summary>
    public Task<TimelinePage> ListingTimelineAsync(
        Guid listingId, IReadOnlyList<ActivityKind>? kinds = null, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default) =>
        TimelineAsync($"api/v1/listings/{listingId}/timeline", kinds, cursor, limit, cancellationToken);

    private async Task<TimelinePage> TimelineAsync(string root, IReadOnlyList<ActivityKind>? kinds, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var path = new QueryString(root).AddEach("kinds", kinds).Add("cursor", cursor).Add("limit", limit);
        return (await _api.SendAsync<TimelinePage>(HttpMethod.Get, path.ToString(), null, cancellationToken)).Value;
    }
}
