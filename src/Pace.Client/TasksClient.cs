using Pace.Activities;
using Pace.Web.Activities;

namespace Pace.Client;

/// <summary><c>/api/v1/tasks</c>: tasks with due dates and reminders, for oneself or (a manager) for the team.</summary>
public sealed class TasksClient
{
    private const string Root = "api/v1/tasks";
    private readonly PaceApiClient _api;

    internal TasksClient(PaceApiClient api) => _api = api;

    /// <summary>A person's tasks by due time, today's (with the overdue ones) unless <paramref name="scope"/> says otherwise.</summary>
    public async Task<TaskPage> ListAsync(
        TaskScope? scope = null, Guid? assigneeId = null, string? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var path = new QueryString(Root).Add("scope", scope).Add("assigneeId", assigneeId).Add("cursor", cursor).Add("limit", limit);
        return (await _api.SendAsync<TaskPage>(HttpMethod.Get, path.ToString(), null, cancellationToken)).Value;
    }

    public Task<Versioned<TaskInfo>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        _api.SendAsync<TaskInfo>(HttpMethod.Get, $"{Root}/{id}", null, cancellationToken);

    public Task<Versioned<TaskInfo>> CreateAsync(CreateTaskRequest request, CancellationToken cancellationToken = default) =>
        _api.SendAsync<TaskInfo>(HttpMethod.Post, Root, request, cancellationToken);

    /// <summary>Changes the fields set on <paramref name="request"/> (notes or reminder set to null are cleared); <paramref name="etag"/> from the last read.</summary>
    public Task<Versioned<TaskInfo>> UpdateAsync(Guid id, UpdateTaskRequest request, string etag, CancellationToken cancellationToken = default) =>
        _api.SendAsync<TaskInfo>(HttpMethod.Patch, $"{Root}/{id}", request, cancellationToken, ifMatch: etag);

    public Task<Versioned<TaskInfo>> CompleteAsync(Guid id, CancellationToken cancellationToken = default) =>
        _api.SendAsync<TaskInfo>(HttpMethod.Post, $"{Root}/{id}/complete", null, cancellationToken);

    public Task<Versioned<TaskInfo>> ReopenAsync(Guid id, CancellationToken cancellationToken = default) =>
        _api.SendAsync<TaskInfo>(HttpMethod.Post, $"{Root}/{id}/reopen", null, cancellationToken);
}
