using System.Net;
using System.Text.Json;

namespace Pace.Web.Tests.Admin;

public sealed class TeamsApiTests
{
    private const string Teams = "/api/v1/admin/teams";

    [Fact]
    public async Task A_team_is_listed_with_its_manager_and_active_member_count()
    {
        await using var api = await AdminApiClient.StartAsync();
        var manager = await api.CreateUserAsync("maya@allsop.example", "manager");
        var team = await api.CreateTeamAsync("Marina", manager);
        await api.CreateUserAsync("a1@allsop.example", "agent", team);
        var leaver = await api.CreateUserAsync("a2@allsop.example", "agent", team);
        await api.PostAsync($"/api/v1/admin/users/{leaver}/deactivate");

        var list = await api.GetAsync(Teams);

        Assert.Equal(HttpStatusCode.OK, list.Status);
        var marina = Assert.Single(list.Body.EnumerateArray());
        Assert.Equal("Marina", marina.GetProperty("name").GetString());
        Assert.Equal(manager, marina.GetProperty("managerId").GetGuid());
        Assert.Equal("maya", marina.GetProperty("managerName").GetString());
        Assert.Equal(1, marina.GetProperty("memberCount").GetInt32());
        Assert.Single(await api.AuditAsync("team.created", team));
    }

    [Fact]
    public async Task A_second_team_with_the_same_name_is_a_conflict()
    {
        await using var api = await AdminApiClient.StartAsync();
        await api.CreateTeamAsync("Marina");
        var other = await api.CreateTeamAsync("Downtown");

        var created = await api.PostAsync(Teams, new { name = " Marina " });
        var renamed = await api.PatchAsync($"{Teams}/{other}", new { name = "Marina" }, null);

        Assert.Equal(HttpStatusCode.Conflict, created.Status);
        Assert.Equal(HttpStatusCode.Conflict, renamed.Status);
    }

    [Fact]
    public async Task A_manager_must_be_an_active_user_with_the_manager_role()
    {
        await using var api = await AdminApiClient.StartAsync();
        var agent = await api.CreateUserAsync("agent@allsop.example", "agent");
        var former = await api.CreateUserAsync("former@allsop.example", "manager");
        await api.PostAsync($"/api/v1/admin/users/{former}/deactivate");

        foreach (var managerId in new[] { agent, former, Guid.CreateVersion7() })
        {
            var response = await api.PostAsync(Teams, new { name = "Marina", managerId });
            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.True(response.NamesField("managerId"), response.Body.ToString());
        }
    }

    [Fact]
    public async Task A_new_manager_and_name_are_audited_and_a_null_manager_clears_it()
    {
        await using var api = await AdminApiClient.StartAsync();
        var first = await api.CreateUserAsync("m1@allsop.example", "manager");
        var second = await api.CreateUserAsync("m2@allsop.example", "manager");
        var team = await api.CreateTeamAsync("Marina", first);

        var changed = await api.PatchAsync($"{Teams}/{team}", new { name = "Marina North", managerId = second }, null);
        var cleared = await api.PatchAsync($"{Teams}/{team}", JsonDocument.Parse("""{"managerId":null}""").RootElement, null);

        Assert.Equal(HttpStatusCode.OK, changed.Status);
        Assert.Equal("m2", changed.Body.GetProperty("managerName").GetString());
        Assert.Equal(HttpStatusCode.OK, cleared.Status);
        Assert.Equal(JsonValueKind.Null, cleared.Body.GetProperty("managerId").ValueKind);
        Assert.Equal("Marina North", cleared.Body.GetProperty("name").GetString());
        var audit = await api.AuditAsync("team.updated", team);
        Assert.Equal(2, audit.Count);
        using var data = JsonDocument.Parse(audit[0].Data!);
        Assert.Equal([first, second], data.RootElement.GetProperty("changes").GetProperty("manager_id").EnumerateArray().Select(v => v.GetGuid()));
        Assert.Equal(["Marina", "Marina North"], data.RootElement.GetProperty("changes").GetProperty("name").EnumerateArray().Select(v => v.GetString()));
    }
}
