using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pace.Identity;

namespace Pace.Web.Tests.Admin;

public sealed class UsersApiTests
{
    private const string Users = "/api/v1/admin/users";

    [Fact]
    public async Task An_admin_creates_a_user_who_is_stored_lower_cased_and_audited_as_the_admins_doing()
    {
        await using var api = await AdminApiClient.StartAsync();

        var response = await api.PostAsync(Users, new
        {
            email = "  Sara.Khan@Allsop.example ",
            displayName = "Sara Khan",
            role = "Manager",
            phone = "050 123 4567",
            brokerRegistrationNumber = "BRN-12345",
        });

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.NotNull(response.ETag);
        var id = response.Body.GetProperty("id").GetGuid();
        Assert.Equal("manager", response.Body.GetProperty("role").GetString());
        Assert.DoesNotContain(response.Body.EnumerateObject(), p => p.Name.Contains("google", StringComparison.OrdinalIgnoreCase));
        await using (var db = api.Host.Database.CreatePaceDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Id == id);
            Assert.Equal("sara.khan@allsop.example", user.Email);
            Assert.Equal(UserRole.Manager, user.Role);
            Assert.Equal("+971501234567", user.Phone);
            Assert.True(user.IsActive);
            Assert.Null(user.GoogleSubject);
        }

        var audit = Assert.Single(await api.AuditAsync("user.created", id));
        Assert.Equal(api.Admin.Id, audit.ActorUserId);
        using var data = JsonDocument.Parse(audit.Data!);
        Assert.Equal("sara.khan@allsop.example", data.RootElement.GetProperty("changes").GetProperty("email")[1].GetString());
        Assert.Equal("manager", data.RootElement.GetProperty("changes").GetProperty("role")[1].GetString());
    }

    [Fact]
    public async Task A_second_user_with_the_same_email_is_a_conflict()
    {
        await using var api = await AdminApiClient.StartAsync();
        await api.CreateUserAsync("omar@allsop.example");

        var response = await api.PostAsync(Users, new { email = "OMAR@allsop.example", displayName = "Omar again", role = "agent" });

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Contains("omar@allsop.example", response.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"email":"someone@gmail.com","displayName":"X","role":"agent"}""", "email")]
    [InlineData("""{"email":"not-an-address","displayName":"X","role":"agent"}""", "email")]
    [InlineData("""{"email":"x@allsop.example","displayName":"X","role":"owner"}""", "role")]
    [InlineData("""{"email":"x@allsop.example","displayName":"X"}""", "role")]
    [InlineData("""{"email":"x@allsop.example","displayName":"X","role":"agent","phone":"12ab"}""", "phone")]
    [InlineData("""{"email":"x@allsop.example","displayName":"  ","role":"agent"}""", "displayName")]
    [InlineData("""{"email":"x@allsop.example","displayName":"X","role":"agent","teamId":"0195a3c2-0000-7000-8000-000000000000"}""", "teamId")]
    public async Task A_bad_new_user_is_refused_naming_the_field(string json, string field)
    {
        await using var api = await AdminApiClient.StartAsync();

        var response = await api.PostAsync(Users, JsonDocument.Parse(json).RootElement);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.True(response.NamesField(field), response.Body.ToString());
        await using var db = api.Host.Database.CreatePaceDbContext();
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Fact]
    public async Task Role_and_team_changes_are_audited_field_by_field_with_before_and_after()
    {
        await using var api = await AdminApiClient.StartAsync();
        var marina = await api.CreateTeamAsync("Marina");
        var downtown = await api.CreateTeamAsync("Downtown");
        var id = await api.CreateUserAsync("layla@allsop.example", "agent", marina);
        var etag = (await api.GetAsync($"{Users}/{id}")).ETag;

        var response = await api.PatchAsync($"{Users}/{id}", new { role = "manager", teamId = downtown }, etag);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Downtown", response.Body.GetProperty("teamName").GetString());
        Assert.NotEqual(etag, response.ETag);
        var audit = Assert.Single(await api.AuditAsync("user.updated", id));
        Assert.Equal(api.Admin.Id, audit.ActorUserId);
        using var data = JsonDocument.Parse(audit.Data!);
        var changes = data.RootElement.GetProperty("changes");
        Assert.Equal(["agent", "manager"], changes.GetProperty("role").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal([marina, downtown], changes.GetProperty("team_id").EnumerateArray().Select(v => v.GetGuid()));
        Assert.False(changes.TryGetProperty("display_name", out _));
    }

    [Fact]
    public async Task A_null_team_clears_it_and_absent_fields_are_left_alone()
    {
        await using var api = await AdminApiClient.StartAsync();
        var team = await api.CreateTeamAsync("Marina");
        var id = await api.CreateUserAsync("layla@allsop.example", "agent", team);
        var etag = (await api.GetAsync($"{Users}/{id}")).ETag;

        var response = await api.PatchAsync($"{Users}/{id}", JsonDocument.Parse("""{"teamId":null}""").RootElement, etag);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(JsonValueKind.Null, response.Body.GetProperty("teamId").ValueKind);
        Assert.Equal("agent", response.Body.GetProperty("role").GetString());
        Assert.Equal("layla", response.Body.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task A_change_with_a_stale_if_match_is_refused_with_412_and_not_applied()
    {
        await using var api = await AdminApiClient.StartAsync();
        var id = await api.CreateUserAsync("layla@allsop.example");
        var stale = (await api.GetAsync($"{Users}/{id}")).ETag;
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync($"{Users}/{id}", new { displayName = "Layla A." }, stale)).Status);

        var response = await api.PatchAsync($"{Users}/{id}", new { role = "admin" }, stale);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.Status);
        var current = await api.GetAsync($"{Users}/{id}");
        Assert.Equal("agent", current.Body.GetProperty("role").GetString());
        Assert.Equal("Layla A.", current.Body.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task A_change_without_if_match_is_refused_with_428()
    {
        await using var api = await AdminApiClient.StartAsync();
        var id = await api.CreateUserAsync("layla@allsop.example");

        var response = await api.PatchAsync($"{Users}/{id}", new { role = "manager" }, ifMatch: null);

        Assert.Equal((HttpStatusCode)428, response.Status);
        Assert.Equal("agent", (await api.GetAsync($"{Users}/{id}")).Body.GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_bad_phone_in_a_change_is_refused_naming_phone()
    {
        await using var api = await AdminApiClient.StartAsync();
        var id = await api.CreateUserAsync("layla@allsop.example");
        var etag = (await api.GetAsync($"{Users}/{id}")).ETag;

        var response = await api.PatchAsync($"{Users}/{id}", new { phone = "call me" }, etag);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.True(response.NamesField("phone"), response.Body.ToString());
    }

    [Fact]
    public async Task Deactivating_a_user_revokes_their_sessions_and_their_personal_token_then_gets_401()
    {
        await using var api = await AdminApiClient.StartAsync();
        var agent = await api.Host.SeedUserAsync("agent@allsop.example");
        var (_, agentToken) = await api.Host.SeedPersonalTokenAsync(agent);
        await using (var db = api.Host.Database.CreatePaceDbContext())
        {
            var now = api.Host.Clock.Now;
            db.UserSessions.AddRange(
                new UserSession { UserId = agent.Id, LastSeenAt = now, ExpiresAt = now.AddHours(8) },
                new UserSession { UserId = agent.Id, LastSeenAt = now, ExpiresAt = now.AddHours(8) });
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", agentToken)).Status);

        var response = await api.PostAsync($"{Users}/{agent.Id}/deactivate");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.False(response.Body.GetProperty("isActive").GetBoolean());
        await using (var db = api.Host.Database.CreatePaceDbContext())
        {
            Assert.All(await db.UserSessions.Where(s => s.UserId == agent.Id).ToListAsync(), s => Assert.NotNull(s.RevokedAt));
            Assert.NotNull((await db.Users.SingleAsync(u => u.Id == agent.Id)).DeactivatedAt);
        }

        var audit = Assert.Single(await api.AuditAsync("user.deactivated", agent.Id));
        Assert.Equal(api.Admin.Id, audit.ActorUserId);
        using (var data = JsonDocument.Parse(audit.Data!))
        {
            Assert.Equal(2, data.RootElement.GetProperty("sessions_revoked").GetInt32());
        }

        Assert.Single(await api.AuditAsync("user.updated", agent.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me", agentToken)).Status);
    }

    [Fact]
    public async Task A_reactivated_user_is_active_again_and_it_is_audited()
    {
        await using var api = await AdminApiClient.StartAsync();
        var agent = await api.Host.SeedUserAsync("agent@allsop.example", active: false);
        var (_, agentToken) = await api.Host.SeedPersonalTokenAsync(agent);

        var response = await api.PostAsync($"{Users}/{agent.Id}/reactivate");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.Body.GetProperty("isActive").GetBoolean());
        Assert.Single(await api.AuditAsync("user.reactivated", agent.Id));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", agentToken)).Status);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_deactivated()
    {
        await using var api = await AdminApiClient.StartAsync();
        await api.Host.SeedUserAsync("former-admin@allsop.example", UserRole.Admin, active: false);

        var response = await api.PostAsync($"{Users}/{api.Admin.Id}/deactivate");

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Contains("last active admin", response.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var db = api.Host.Database.CreatePaceDbContext();
        Assert.True((await db.Users.SingleAsync(u => u.Id == api.Admin.Id)).IsActive);
    }

    [Fact]
    public async Task The_last_active_admin_cannot_be_demoted()
    {
        await using var api = await AdminApiClient.StartAsync();
        var etag = (await api.GetAsync($"{Users}/{api.Admin.Id}")).ETag;

        var response = await api.PatchAsync($"{Users}/{api.Admin.Id}", new { role = "agent" }, etag);

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("admin", (await api.GetAsync($"{Users}/{api.Admin.Id}")).Body.GetProperty("role").GetString());
    }

    [Fact]
    public async Task An_admin_cannot_deactivate_themselves_even_with_another_admin()
    {
        await using var api = await AdminApiClient.StartAsync();
        await api.CreateUserAsync("second-admin@allsop.example", "admin");

        var response = await api.PostAsync($"{Users}/{api.Admin.Id}/deactivate");

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Contains("your own account", response.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_admin_can_be_deactivated_when_one_remains()
    {
        await using var api = await AdminApiClient.StartAsync();
        var second = await api.CreateUserAsync("second-admin@allsop.example", "admin");

        var response = await api.PostAsync($"{Users}/{second}/deactivate");

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Unknown_ids_are_answered_404_with_problem_details()
    {
        await using var api = await AdminApiClient.StartAsync();
        var unknown = Guid.CreateVersion7();

        foreach (var response in new[]
        {
            await api.GetAsync($"{Users}/{unknown}"),
            await api.PatchAsync($"{Users}/{unknown}", new { role = "agent" }, "\"1\""),
            await api.PostAsync($"{Users}/{unknown}/deactivate"),
            await api.PostAsync($"{Users}/{unknown}/reactivate"),
            await api.PatchAsync($"/api/v1/admin/teams/{unknown}", new { name = "X" }, null),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.Status);
            Assert.Equal(404, response.Body.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task Pages_hold_every_user_exactly_once_in_name_order()
    {
        await using var api = await AdminApiClient.StartAsync();
        await using (var db = api.Host.Database.CreatePaceDbContext())
        {
            // Several people share a name: the id breaks the tie, so nobody is skipped or repeated at a page edge.
            for (var i = 0; i < 23; i++)
            {
                db.Users.Add(new User { Email = $"person{i}@allsop.example", DisplayName = $"Person {i / 3}", Role = UserRole.Agent });
            }

            await db.SaveChangesAsync();
        }

        var seen = new List<(string Name, Guid Id)>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await api.GetAsync($"{Users}?limit=5{(cursor is null ? "" : "&cursor=" + cursor)}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            seen.AddRange(page.Body.GetProperty("items").EnumerateArray()
                .Select(i => (i.GetProperty("displayName").GetString()!, i.GetProperty("id").GetGuid())));
            cursor = page.Body.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        await using var check = api.Host.Database.CreatePaceDbContext();
        var all = await check.Users.Select(u => u.Id).ToListAsync();
        Assert.Equal(24, all.Count);
        Assert.Equal(5, pages);
        Assert.Equal(all.Order(), seen.Select(s => s.Id).Order());
        Assert.Equal(seen.Count, seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(seen, seen.OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Id).ToList());
    }

    [Fact]
    public async Task Filters_narrow_the_list_by_role_team_activity_and_name_or_email_prefix()
    {
        await using var api = await AdminApiClient.StartAsync();
        var team = await api.CreateTeamAsync("Marina");
        var inTeam = await api.CreateUserAsync("zoe@allsop.example", "agent", team);
        var manager = await api.CreateUserAsync("yusuf@allsop.example", "manager");
        var leaver = await api.Host.SeedUserAsync("xavier@allsop.example", active: false);

        async Task<List<Guid>> IdsAsync(string query) =>
            (await api.GetAsync($"{Users}?{query}")).Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();

        Assert.Equal([inTeam], await IdsAsync($"teamId={team}"));
        Assert.Equal([manager], await IdsAsync("role=manager"));
        Assert.Equal([leaver.Id], await IdsAsync("active=false"));
        Assert.Equal([manager], await IdsAsync("q=YU"));
        Assert.Equal([inTeam], await IdsAsync("q=zoe%40"));
        Assert.Empty(await IdsAsync("q=%25"));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("role=owner", "role")]
    public async Task Bad_list_parameters_are_refused_naming_the_parameter(string query, string field)
    {
        await using var api = await AdminApiClient.StartAsync();

        var response = await api.GetAsync($"{Users}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.True(response.NamesField(field), response.Body.ToString());
    }

    [Fact]
    public async Task Answers_never_carry_the_google_subject()
    {
        await using var api = await AdminApiClient.StartAsync();
        await using (var db = api.Host.Database.CreatePaceDbContext())
        {
            var admin = await db.Users.SingleAsync(u => u.Id == api.Admin.Id);
            admin.GoogleSubject = "1098765432101234567890";
            await db.SaveChangesAsync();
        }

        var one = await api.GetAsync($"{Users}/{api.Admin.Id}");
        var list = await api.GetAsync(Users);

        Assert.DoesNotContain("1098765432101234567890", one.Body.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("1098765432101234567890", list.Body.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("google", one.Body.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
