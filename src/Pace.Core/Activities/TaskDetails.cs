using System.Text.Json;
using Pace.Common;

namespace Pace.Activities;

/// <summary>
/// What a task keeps in its timeline data (<see cref="Activity.Data"/>): its priority and who set it (a manager
/// may give a task to a team member; the task's user is the assignee).
/// </summary>
public sealed record TaskDetails(TaskPriority Priority, Guid? CreatedById)
{
    public static TaskDetails Read(string? data)
    {
        if (string.IsNullOrEmpty(data))
        {
            return new TaskDetails(TaskPriority.Normal, null);
        }

        using var document = JsonDocument.Parse(data);
        var root = document.RootElement;
        // An unknown priority reads as Normal (the first value).
        var priority = root.TryGetProperty("priority", out var p) && p.ValueKind == JsonValueKind.String
            ? Enum.GetValues<TaskPriority>().FirstOrDefault(v => SnakeCase.Of(v) == p.GetString())
            : TaskPriority.Normal;
        Guid? createdBy = root.TryGetProperty("createdById", out var c) && c.ValueKind == JsonValueKind.String && c.TryGetGuid(out var id) ? id : null;
        return new TaskDetails(priority, createdBy);
    }

    public string Write() => ActivityData.Of(new { priority = SnakeCase.Of(Priority), createdById = CreatedById });
}
