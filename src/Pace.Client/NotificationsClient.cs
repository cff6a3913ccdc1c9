using Pace.Web.Notifications;

namespace Pace.Client;

/// <summary><c>/api/v1/me/notifications</c>: the caller's own notifications (task reminders…), newest first.</summary>
public sealed class NotificationsClient
{
    private const string Root = "api/v1/me/notifications";
    private readonly PaceApiClient _api;

    internal NotificationsClient(PaceApiClient api) => _api = api;

    public async Task<NotificationPage> ListAsync(bool? unread = null, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var path = new QueryString(Root).Add("unread", unread).Add("cursor", cursor).Add("limit", limit);
        return (await _api.SendAsync<NotificationPage>(HttpMethod.Get, path.ToString(), null, cancellationToken)).Value;
    }

    public async Task<NotificationInfo> MarkReadAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await _api.SendAsync<NotificationInfo>(HttpMethod.Post, $"{Root}/{id}/read", null, cancellationToken)).Value;
}
