using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pace.Common;
using Pace.Notifications;
using Pace.Web.Activities;
using Pace.Web.Tests.Crm;

namespace Pace.Web.Tests.Activities;

/// <summary>Tasks, "my tasks today" in Dubai time, reminders and notifications, through HTTP.</summary>
public sealed class TasksTests
{
    [Fact]
    public async Task My_tasks_today_are_the_open_ones_due_before_Dubai_midnight_overdue_included_and_the_day_turns_at_Dubai_midnight()
    {
        await using var world = await CrmWorld.StartAsync();
        // 23:30 in Dubai (19:30 UTC): half an hour before the day turns there.
        var lateEvening = DubaiTime.DayOf(world.Now).Start.AddDays(1).AddMinutes(-30);
        if (lateEvening <= world.Now)
        {
            lateEvening = lateEvening.AddDays(1);
        }

        world.Host.Clock.Advance(lateEvening - world.Now);
        await CreateTaskAsync(world, world.Agent, "Send the MOU", lateEvening.AddMinutes(20));
        await CreateTaskAsync(world, world.Agent, "Call the landlord", lateEvening.AddMinutes(40));
        await CreateTaskAsync(world, world.Agent, "Chase the deposit", lateEvening.AddDays(-1).AddHours(-8));
        await CreateTaskAsync(world, world.Agent, "Book photographer", lateEvening.AddMinutes(-60));
        var done = await CreateTaskAsync(world, world.Agent, "Renew permit", lateEvening.AddMinutes(10));
        await world.PostAsync(world.Agent, $"/api/v1/tasks/{done}/complete");
        await CreateTaskAsync(world, world.Teammate, "Someone else's", lateEvening.AddMinutes(15));

        var today = await TitlesAsync(world, world.Agent, "/api/v1/tasks");
        var overdue = await TitlesAsync(world, world.Agent, "/api/v1/tasks?scope=overdue");
        var upcoming = await TitlesAsync(world, world.Agent, "/api/v1/tasks?scope=upcoming");
        var all = await TitlesAsync(world, world.Agent, "/api/v1/tasks?scope=all");
        world.Host.Clock.Advance(TimeSpan.FromHours(1));
        var todayAfterMidnight = await TitlesAsync(world, world.Agent, "/api/v1/tasks?scope=today");
        var upcomingAfterMidnight = await TitlesAsync(world, world.Agent, "/api/v1/tasks?scope=upcoming");
        var badScope = await world.GetAsync(world.Agent, "/api/v1/tasks?scope=someday");

        Assert.Equal(["Chase the deposit", "Book photographer", "Send the MOU"], today);
        Assert.Equal(["Chase the deposit", "Book photographer"], overdue);
        Assert.Equal(["Call the landlord"], upcoming);
        Assert.Equal(["Chase the deposit", "Book photographer", "Renew permit", "Send the MOU", "Call the landlord"], all);
        Assert.Equal(["Chase the deposit", "Book photographer", "Send the MOU", "Call the landlord"], todayAfterMidnight);
        Assert.Empty(upcomingAfterMidnight);
        Assert.Equal(["scope"], badScope.ErrorFields);
    }

    [Fact]
    public async Task A_task_list_pages_by_due_time()
    {
        await using var world = await CrmWorld.StartAsync();
        var due = world.Tomorrow(9);
        for (var i = 0; i < 5; i++)
        {
            await CreateTaskAsync(world, world.Agent, $"Task {i}", due.AddMinutes(i % 2 == 0 ? 0 : 30));
        }

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await world.GetAsync(world.Agent, "/api/v1/tasks?scope=all&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.Body.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()));
            cursor = page.Body.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(5, seen.Distinct().Count());
    }

    [Fact]
    public async Task A_manager_gives_tasks_to_the_team_and_reads_their_lists_while_agents_keep_to_their_own()
    {
        await using var world = await CrmWorld.StartAsync();
        var applicant = await world.SeedApplicantAsync(world.Teammate);

        var assigned = await world.PostAsync(world.Manager, "/api/v1/tasks",
            new { title = "Follow up the viewing", assigneeId = world.Teammate.Id, applicantId = applicant, dueAt = world.Tomorrow(10), priority = "high" });
        var byAgentForTeammate = await world.PostAsync(world.Agent, "/api/v1/tasks", new { title = "x", assigneeId = world.Teammate.Id, dueAt = world.Tomorrow(10) });
        var byOtherManager = await world.PostAsync(world.OtherManager, "/api/v1/tasks", new { title = "x", assigneeId = world.Teammate.Id, dueAt = world.Tomorrow(10) });
        var teammateList = await world.GetAsync(world.Teammate, "/api/v1/tasks?scope=upcoming");
        var managerReadsTeammate = await world.GetAsync(world.Manager, $"/api/v1/tasks?scope=all&assigneeId={world.Teammate.Id}");
        var agentReadsTeammate = await world.GetAsync(world.Agent, $"/api/v1/tasks?assigneeId={world.Teammate.Id}");
        var otherManagerReadsTeammate = await world.GetAsync(world.OtherManager, $"/api/v1/tasks?assigneeId={world.Teammate.Id}");

        Assert.Equal(HttpStatusCode.Created, assigned.Status);
        Assert.Equal(world.Teammate.Id, assigned.Body.GetProperty("assigneeId").GetGuid());
        Assert.Equal(world.Manager.Id, assigned.Body.GetProperty("createdById").GetGuid());
        Assert.Equal("high", assigned.Text("priority"));
        Assert.Equal(["assigneeId"], byAgentForTeammate.ErrorFields);
        Assert.Equal(["assigneeId"], byOtherManager.ErrorFields);
        Assert.Equal(assigned.Id, Assert.Single(teammateList.Body.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(1, managerReadsTeammate.Body.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, agentReadsTeammate.Status);
        Assert.Equal(HttpStatusCode.NotFound, otherManagerReadsTeammate.Status);
        var timeline = await world.GetAsync(world.Teammate, $"/api/v1/applicants/{applicant}/timeline?kinds=task");
        Assert.Equal(world.Tomorrow(10), Assert.Single(timeline.Body.GetProperty("items").EnumerateArray()).GetProperty("dueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Another_agents_task_does_not_exist_through_any_endpoint()
    {
        await using var world = await CrmWorld.StartAsync();
        var task = await CreateTaskAsync(world, world.Agent, "Mine", world.Tomorrow(10));
        var tag = (await world.GetAsync(world.Agent, $"/api/v1/tasks/{task}")).ETag;

        foreach (var stranger in new[] { world.Teammate, world.OtherAgent, world.OtherManager })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await world.GetAsync(stranger, $"/api/v1/tasks/{task}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await world.PatchAsync(stranger, $"/api/v1/tasks/{task}", new { title = "Theirs" }, tag)).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await world.PostAsync(stranger, $"/api/v1/tasks/{task}/complete")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await world.PostAsync(stranger, $"/api/v1/tasks/{task}/reopen")).Status);
        }

        Assert.Equal(HttpStatusCode.OK, (await world.GetAsync(world.Manager, $"/api/v1/tasks/{task}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.GetAsync(world.Admin, $"/api/v1/tasks/{task}")).Status);
        Assert.Equal("Mine", await world.ReadAsync(db => db.Activities.Where(a => a.Id == task).Select(a => a.Subject).SingleAsync()));
    }

    [Fact]
    public async Task A_task_is_edited_with_its_ETag_and_completing_or_reopening_twice_is_refused()
    {
        await using var world = await CrmWorld.StartAsync();
        var task = await CreateTaskAsync(world, world.Agent, "Send the MOU", world.Tomorrow(10));
        var read = await world.GetAsync(world.Agent, $"/api/v1/tasks/{task}");

        var invalid = await world.PostAsync(world.Agent, "/api/v1/tasks", new { remindAt = world.Tomorrow(11), priority = "urgent" });
        var remindAfterDue = await world.PostAsync(world.Agent, "/api/v1/tasks", new { title = "x", dueAt = world.Tomorrow(10), remindAt = world.Tomorrow(11) });
        var withoutTag = await world.PatchAsync(world.Agent, $"/api/v1/tasks/{task}", new { title = "Send the signed MOU" }, null);
        var edited = await world.PatchAsync(world.Agent, $"/api/v1/tasks/{task}", new { title = "Send the signed MOU", dueAt = world.Tomorrow(12), notes = "Both parties" }, read.ETag);
        var stale = await world.PatchAsync(world.Agent, $"/api/v1/tasks/{task}", new { title = "Again" }, read.ETag);
        var completed = await world.PostAsync(world.Agent, $"/api/v1/tasks/{task}/complete");
        var completedTwice = await world.PostAsync(world.Agent, $"/api/v1/tasks/{task}/complete");
        var reopened = await world.PostAsync(world.Agent, $"/api/v1/tasks/{task}/reopen");
        var reopenedTwice = await world.PostAsync(world.Agent, $"/api/v1/tasks/{task}/reopen");

        Assert.Equal(["dueAt", "priority", "title"], invalid.ErrorFields.Order().ToList());
        Assert.Equal(["remindAt"], remindAfterDue.ErrorFields);
        Assert.Equal(HttpStatusCode.PreconditionRequired, withoutTag.Status);
        Assert.Equal(HttpStatusCode.OK, edited.Status);
        Assert.Equal("Send the signed MOU", edited.Text("title"));
        Assert.Equal("Both parties", edited.Text("notes"));
        Assert.Equal(world.Tomorrow(12), edited.Body.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal(world.Now, completed.Body.GetProperty("completedAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, completedTwice.Status);
        Assert.Equal(JsonNull, reopened.Body.GetProperty("completedAt").ValueKind);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reopenedTwice.Status);
    }

    [Fact]
    public async Task The_reminder_job_sends_one_notification_per_due_reminder_however_often_and_concurrently_it_runs()
    {
        await using var world = await CrmWorld.StartAsync(new Dictionary<string, string?> { ["Tasks:Reminders:Enabled"] = "false" });
        var now = world.Now;
        var soon = await CreateTaskAsync(world, world.Agent, "Call Layla", now.AddHours(1), now.AddMinutes(-10));
        var teammates = await CreateTaskAsync(world, world.Teammate, "Send brochure", now.AddHours(2), now.AddMinutes(-1));
        var later = await CreateTaskAsync(world, world.Agent, "Prepare contract", now.AddHours(3), now.AddHours(1));
        var done = await CreateTaskAsync(world, world.Agent, "Already done", now.AddHours(1), now.AddMinutes(-5));
        await world.PostAsync(world.Agent, $"/api/v1/tasks/{done}/complete");
        await CreateTaskAsync(world, world.Agent, "No reminder", now.AddHours(1));
        var job = world.Host.Services.GetRequiredService<TaskReminderJob>();

        var concurrent = await Task.WhenAll(job.RunOnceAsync(CancellationToken.None), job.RunOnceAsync(CancellationToken.None), job.RunOnceAsync(CancellationToken.None));
        var again = await job.RunOnceAsync(CancellationToken.None);
        var afterTwoRounds = await world.ReadAsync(db => db.Notifications.OrderBy(n => n.Title).ToListAsync());
        // Moving a reminder arms it again; at its new time it goes out once more.
        var tag = (await world.GetAsync(world.Agent, $"/api/v1/tasks/{soon}")).ETag;
        await world.PatchAsync(world.Agent, $"/api/v1/tasks/{soon}", new { remindAt = now.AddMinutes(30) }, tag);
        world.Host.Clock.Advance(TimeSpan.FromMinutes(45));
        var third = await job.RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, concurrent.Sum());
        Assert.Equal(0, again);
        Assert.Equal(2, afterTwoRounds.Count);
        Assert.Equal((world.Agent.Id, soon), (afterTwoRounds[0].UserId, afterTwoRounds[0].ActivityId!.Value));
        Assert.Equal((world.Teammate.Id, teammates), (afterTwoRounds[1].UserId, afterTwoRounds[1].ActivityId!.Value));
        Assert.Equal(NotificationKind.TaskReminder, afterTwoRounds[0].Kind);
        Assert.Equal("Reminder: Call Layla", afterTwoRounds[0].Title);
        Assert.Equal(1, third);
        Assert.Equal(2, await world.ReadAsync(db => db.Notifications.CountAsync(n => n.ActivityId == soon)));
        Assert.Equal(0, await world.ReadAsync(db => db.Notifications.CountAsync(n => n.ActivityId == later || n.ActivityId == done)));
    }

    [Fact]
    public async Task People_read_and_mark_their_own_notifications_and_nobody_elses()
    {
        await using var world = await CrmWorld.StartAsync(new Dictionary<string, string?> { ["Tasks:Reminders:Enabled"] = "false" });
        await CreateTaskAsync(world, world.Agent, "First", world.Now.AddHours(1), world.Now.AddMinutes(-2));
        await CreateTaskAsync(world, world.Agent, "Second", world.Now.AddHours(1), world.Now.AddMinutes(-1));
        await world.Host.Services.GetRequiredService<TaskReminderJob>().RunOnceAsync(CancellationToken.None);

        var mine = await world.GetAsync(world.Agent, "/api/v1/me/notifications");
        var first = mine.Body.GetProperty("items")[0].GetProperty("id").GetGuid();
        var byTeammate = await world.PostAsync(world.Teammate, $"/api/v1/me/notifications/{first}/read");
        var teammates = await world.GetAsync(world.Teammate, "/api/v1/me/notifications");
        var read = await world.PostAsync(world.Agent, $"/api/v1/me/notifications/{first}/read");
        world.Host.Clock.Advance(TimeSpan.FromMinutes(1));
        var readAgain = await world.PostAsync(world.Agent, $"/api/v1/me/notifications/{first}/read");
        var unread = await world.GetAsync(world.Agent, "/api/v1/me/notifications?unread=true");

        Assert.Equal(2, mine.Body.GetProperty("items").GetArrayLength());
        Assert.Equal("task_reminder", mine.Body.GetProperty("items")[0].GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.NotFound, byTeammate.Status);
        Assert.Equal(0, teammates.Body.GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(read.Body.GetProperty("readAt").GetDateTimeOffset(), readAgain.Body.GetProperty("readAt").GetDateTimeOffset());
        Assert.NotEqual(first, Assert.Single(unread.Body.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;

    private static async Task<Guid> CreateTaskAsync(CrmWorld world, Staff assignee, string title, DateTimeOffset dueAt, DateTimeOffset? remindAt = null)
    {
        var created = await world.PostAsync(assignee, "/api/v1/tasks", new { title, dueAt, remindAt });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Id;
    }

    private static async Task<List<string>> TitlesAsync(CrmWorld world, Staff caller, string path)
    {
        var page = await world.GetAsync(caller, path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page.Body.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()!).ToList();
    }
}
