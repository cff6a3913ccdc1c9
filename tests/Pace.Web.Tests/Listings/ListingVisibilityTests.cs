using System.Net;

namespace Pace.Web.Tests.Listings;

/// <summary>Who sees and edits which listing, and whose eyes the owner's contact details are for.</summary>
public sealed class ListingVisibilityTests
{
    [Fact]
    public async Task Another_agents_draft_does_not_exist_for_an_agent_through_any_endpoint()
    {
        await using var world = await ListingWorld.StartAsync();
        var draft = await world.CreateListingAsync("agent");
        var media = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{draft.Id}/media", new { kind = "image", url = "https://cdn.example/1.jpg" });
        var path = $"/api/v1/listings/{draft.Id}";

        var answers = new Dictionary<string, HttpStatusCode>
        {
            ["GET"] = (await world.GetAsync("agent2", path)).Status,
            ["PATCH"] = (await world.SendAsync("agent2", HttpMethod.Patch, path, new { titleEn = "Mine now" }, draft.ETag)).Status,
            ["submit"] = (await world.SendAsync("agent2", HttpMethod.Post, $"{path}/submit")).Status,
            ["withdraw"] = (await world.SendAsync("agent2", HttpMethod.Post, $"{path}/withdraw")).Status,
            ["relist"] = (await world.SendAsync("agent2", HttpMethod.Post, $"{path}/relist")).Status,
            ["add media"] = (await world.SendAsync("agent2", HttpMethod.Post, $"{path}/media", new { kind = "image", url = "https://cdn.example/2.jpg" })).Status,
            ["reorder media"] = (await world.SendAsync("agent2", HttpMethod.Put, $"{path}/media/order", new { mediaIds = new[] { media.Id } })).Status,
            ["remove media"] = (await world.SendAsync("agent2", HttpMethod.Delete, $"{path}/media/{media.Id}")).Status,
            ["manager2 GET"] = (await world.GetAsync("manager2", path)).Status,
            ["colleague GET"] = (await world.GetAsync("colleague", path)).Status,
        };
        var search = await world.GetAsync("agent2", "/api/v1/listings?status=draft");

        Assert.All(answers, a => Assert.True(a.Value == HttpStatusCode.NotFound, $"{a.Key}: {a.Value}"));
        Assert.Empty(search.Body.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await world.GetAsync("manager", path)).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.GetAsync("admin", path)).Status);
        Assert.Equal("draft", (await world.GetAsync("agent", path)).Text("status"));
    }

    [Fact]
    public async Task A_live_listing_is_read_by_all_staff_but_its_owner_only_by_its_agent_their_manager_and_admins()
    {
        await using var world = await ListingWorld.StartAsync();
        var live = await world.CreateLiveListingAsync();
        var path = $"/api/v1/listings/{live.Id}";

        var readers = new Dictionary<string, ApiAnswer>();
        foreach (var who in new[] { "agent", "colleague", "agent2", "manager", "manager2", "admin" })
        {
            readers[who] = await world.GetAsync(who, path);
        }

        Assert.All(readers.Values, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        foreach (var who in new[] { "agent", "manager", "admin" })
        {
            var owner = readers[who].Body.GetProperty("owner");
            Assert.Equal("Omar Haddad", owner.GetProperty("fullName").GetString());
            Assert.Equal("+971501112233", owner.GetProperty("phones")[0].GetProperty("number").GetString());
            Assert.Equal("omar@gmail.example", owner.GetProperty("emails")[0].GetString());
        }

        foreach (var who in new[] { "colleague", "agent2", "manager2" })
        {
            Assert.False(readers[who].Body.TryGetProperty("owner", out _), who);
            Assert.DoesNotContain("+971501112233", readers[who].Body.ToString(), StringComparison.Ordinal);
            Assert.Empty(readers[who].Body.GetProperty("pendingApprovals").EnumerateArray());
        }

        // Reading is not editing: another agent's live listing cannot be changed.
        var patch = await world.SendAsync("agent2", HttpMethod.Patch, path, new { titleEn = "Mine now" }, readers["agent2"].ETag);
        var withdraw = await world.SendAsync("colleague", HttpMethod.Post, $"{path}/withdraw");
        Assert.Equal(HttpStatusCode.NotFound, patch.Status);
        Assert.Equal(HttpStatusCode.NotFound, withdraw.Status);
    }
}
