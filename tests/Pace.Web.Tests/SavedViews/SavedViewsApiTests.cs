using System.Net;
using Microsoft.EntityFrameworkCore;
using Pace.Web.Tests.Crm;

namespace Pace.Web.Tests.SavedViews;

/// <summary>Saved views of the applicants list: private to their owner, named uniquely, storing only known filters.</summary>
public sealed class SavedViewsApiTests
{
    private const string Views = "/api/v1/saved-views";

    [Fact]
    public async Task A_saved_view_keeps_only_the_lists_filters_and_is_listed_to_its_owner_only()
    {
        await using var world = await CrmWorld.StartAsync();

        var created = await world.PostAsync(world.Agent, Views, new
        {
            page = "applicants", name = "  Hot JVC buyers ", query = "?stage=qualified&utm=mail&q=+jvc+&cursor=abc&source=&sort=name",
        });
        await world.PostAsync(world.Teammate, Views, new { page = "applicants", name = "Teammate's view", query = "stage=new" });
        var mine = await world.GetAsync(world.Agent, $"{Views}?page=applicants");
        var admins = await world.GetAsync(world.Admin, $"{Views}?page=applicants");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("Hot JVC buyers", created.Text("name"));
        Assert.Equal("q=jvc&stage=qualified&sort=name", created.Text("query"));
        Assert.Equal("/applicants?q=jvc&stage=qualified&sort=name", created.Text("url"));
        var item = Assert.Single(mine.Body.GetProperty("items").EnumerateArray());
        Assert.Equal(created.Id, item.GetProperty("id").GetGuid());
        Assert.Empty(admins.Body.GetProperty("items").EnumerateArray());
        Assert.Equal(1, await world.ReadAsync(db => db.AuditLog.CountAsync(e => e.Action == "saved_view.created" && e.EntityId == created.Id)));
    }

    [Fact]
    public async Task A_name_used_again_in_another_case_is_refused_with_a_field_error_but_another_person_may_use_it()
    {
        await using var world = await CrmWorld.StartAsync();
        await world.PostAsync(world.Agent, Views, new { page = "applicants", name = "Hot JVC buyers", query = "q=jvc" });

        var again = await world.PostAsync(world.Agent, Views, new { page = "applicants", name = "hot jvc BUYERS", query = "stage=new" });
        var teammate = await world.PostAsync(world.Teammate, Views, new { page = "applicants", name = "Hot JVC buyers", query = "q=jvc" });
        var empty = await world.PostAsync(world.Agent, Views, new { page = "applicants", name = "Nothing", query = "cursor=abc&page=2&sort=newest" });
        var unknownPage = await world.PostAsync(world.Agent, Views, new { page = "nowhere", name = "Lost", query = "q=x" });

        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal(["name"], again.ErrorFields);
        Assert.Equal(HttpStatusCode.Created, teammate.Status);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal(["query"], empty.ErrorFields);
        Assert.Equal(HttpStatusCode.BadRequest, unknownPage.Status);
        Assert.Contains("page", unknownPage.ErrorFields);
    }

    [Fact]
    public async Task A_person_keeps_at_most_fifty_views_of_a_list()
    {
        await using var world = await CrmWorld.StartAsync();
        for (var i = 0; i < Pace.SavedViews.SavedView.PerUserAndPage; i++)
        {
            var saved = await world.PostAsync(world.Agent, Views, new { page = "applicants", name = $"View {i}", query = $"q=name{i}" });
            Assert.Equal(HttpStatusCode.Created, saved.Status);
        }

        var oneMore = await world.PostAsync(world.Agent, Views, new { page = "applicants", name = "One too many", query = "q=more" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, oneMore.Status);
        Assert.Contains("Delete one", oneMore.Text("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_persons_view_answers_404_and_the_owner_deletes_their_own()
    {
        await using var world = await CrmWorld.StartAsync();
        var view = await world.PostAsync(world.Agent, Views, new { page = "applicants", name = "Mine", query = "stage=qualified" });

        var byTeammate = await world.CallAsync(world.Teammate, HttpMethod.Delete, $"{Views}/{view.Id}");
        var byAdmin = await world.CallAsync(world.Admin, HttpMethod.Delete, $"{Views}/{view.Id}");
        var byOwner = await world.CallAsync(world.Agent, HttpMethod.Delete, $"{Views}/{view.Id}");
        var again = await world.CallAsync(world.Agent, HttpMethod.Delete, $"{Views}/{view.Id}");
        var left = await world.GetAsync(world.Agent, Views);

        Assert.Equal(HttpStatusCode.NotFound, byTeammate.Status);
        Assert.Equal(HttpStatusCode.NotFound, byAdmin.Status);
        Assert.Equal(HttpStatusCode.NoContent, byOwner.Status);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.Equal("Not found", again.Text("title"));
        Assert.Empty(left.Body.GetProperty("items").EnumerateArray());
        Assert.Equal(1, await world.ReadAsync(db => db.AuditLog.CountAsync(e => e.Action == "saved_view.deleted" && e.EntityId == view.Id)));
    }
}
