using Pace.Web.Dashboard;

namespace Pace.Client;

/// <summary><c>/api/v1/dashboard</c>: the manager's team dashboard.</summary>
public sealed class DashboardClient
{
    private readonly PaceApiClient _api;

    internal DashboardClient(PaceApiClient api) => _api = api;

    public async Task<TeamDashboard> TeamAsync(Guid? teamId = null, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        var path = new QueryString("api/v1/dashboard/team").Add("teamId", teamId).Add("from", from).Add("to", to);
        return (await _api.SendAsync<TeamDashboard>(HttpMethod.Get, path.ToString(), null, cancellationToken)).Value;
    }
}
