using System.Net;
using System.Text.Json.Nodes;
using Pace.Web.Tests.Crm;

namespace Pace.Web.Tests.Api;

/// <summary>
/// A small brokerage (<see cref="CrmWorld"/>) with one record of each kind made through the API, and for each creating
/// endpoint a payload it accepts: what the contract tests start from.
/// </summary>
public sealed class ApiWorld : IAsyncDisposable
{
    private ApiWorld(CrmWorld crm) => Crm = crm;

    public CrmWorld Crm { get; }

    public Guid Listing { get; private set; }

    public Guid Applicant { get; private set; }

    public Guid Requirement { get; private set; }

    public Guid Viewing { get; private set; }

    public Guid Offer { get; private set; }

    public Guid Task { get; private set; }

    public static async Task<ApiWorld> StartAsync()
    {
        var world = new ApiWorld(await CrmWorld.StartAsync());
        var crm = world.Crm;
        world.Listing = await crm.SeedListingAsync(crm.Agent);
        world.Applicant = (await world.CreateAsync(crm.Agent, "/api/v1/applicants", world.Payload("/api/v1/applicants")!)).Body.GetProperty("applicant").GetProperty("id").GetGuid();
        world.Requirement = (await world.CreateAsync(crm.Agent, $"/api/v1/applicants/{world.Applicant}/requirements", world.Payload("/api/v1/applicants/{id}/requirements")!)).Id;
        world.Viewing = (await world.CreateAsync(crm.Agent, "/api/v1/viewings", world.Payload("/api/v1/viewings")!)).Body.GetProperty("viewing").GetProperty("id").GetGuid();
        world.Offer = (await world.CreateAsync(crm.Agent, "/api/v1/offers", world.Payload("/api/v1/offers")!)).Id;
        world.Task = (await world.CreateAsync(crm.Agent, "/api/v1/tasks", world.Payload("/api/v1/tasks")!)).Id;
        return world;
    }

    /// <summary>A body the creating endpoint at <paramref name="route"/> (its template) accepts, or null when there is none here.</summary>
    public JsonObject? Payload(string route) => route switch
    {
        "/api/v1/applicants" => new JsonObject
        {
            ["firstName"] = "Layla", ["lastName"] = "Hassan", ["source"] = "property_finder", ["notes"] = "Wants a marina view.",
            ["phones"] = new JsonArray(new JsonObject { ["number"] = $"+97150{Random.Shared.Next(1_000_000, 9_999_999)}" }),
            ["emails"] = new JsonArray($"layla.{Guid.NewGuid():N}@example.com"), ["tags"] = new JsonArray("vip"),
        },
        "/api/v1/applicants/{id}/requirements" => new JsonObject
        {
            ["purpose"] = "sale", ["category"] = "residential", ["bedroomsMin"] = 1, ["bedroomsMax"] = 3, ["budgetMax"] = 300_000_000, ["notes"] = "Near the metro.",
        },
        "/api/v1/viewings" => new JsonObject
        {
            ["listingId"] = Listing, ["applicantId"] = Applicant, ["startsAt"] = Crm.Tomorrow(10, Random.Shared.Next(0, 50) * 10).AddDays(Random.Shared.Next(0, 30)),
            ["durationMinutes"] = 30, ["notes"] = "Meet at the lobby.",
        },
        "/api/v1/offers" => new JsonObject { ["listingId"] = Listing, ["applicantId"] = Applicant, ["amountMinor"] = 240_000_000, ["conditions"] = "Subject to mortgage." },
        "/api/v1/tasks" => new JsonObject { ["title"] = "Call back", ["dueAt"] = Crm.Tomorrow(9), ["notes"] = "About the viewing.", ["applicantId"] = Applicant },
        "/api/v1/activities" => new JsonObject { ["kind"] = "note", ["body"] = "Spoke about budget.", ["applicantId"] = Applicant },
        "/api/v1/admin/teams" => new JsonObject { ["name"] = $"Team {Guid.NewGuid():N}"[..20] },
        "/api/v1/admin/users" => new JsonObject { ["email"] = $"new.{Guid.NewGuid():N}"[..16] + "@allsop.example", ["displayName"] = "New Agent", ["role"] = "agent" },
        _ => null,
    };

    /// <summary>The caller an endpoint is tried as: the admin for the admin API, else the agent whose records these are.</summary>
    public Staff CallerFor(string route) => route.StartsWith("/api/v1/admin/", StringComparison.Ordinal) || route.Contains("assign", StringComparison.Ordinal)
        ? Crm.Admin
        : Crm.Agent;

    /// <summary>A route template with its parameters filled with the world's records (a fresh id where it has none of that kind).</summary>
    public string Concrete(string route)
    {
        var path = route
            .Replace("/applicants/{id}/requirements/{requirementId}", $"/applicants/{Applicant}/requirements/{Requirement}", StringComparison.Ordinal)
            .Replace("/applicants/{id}", $"/applicants/{Applicant}", StringComparison.Ordinal)
            .Replace("/listings/approvals/{id}", $"/listings/approvals/{Guid.NewGuid()}", StringComparison.Ordinal)
            .Replace("/listings/{id}", $"/listings/{Listing}", StringComparison.Ordinal)
            .Replace("/viewings/{id}", $"/viewings/{Viewing}", StringComparison.Ordinal)
            .Replace("/offers/{id}", $"/offers/{Offer}", StringComparison.Ordinal)
            .Replace("/tasks/{id}", $"/tasks/{Task}", StringComparison.Ordinal)
            .Replace("/admin/users/{id}", $"/admin/users/{Crm.Agent.Id}", StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(path, @"\{\w+\}", _ => Guid.NewGuid().ToString());
    }

    public async Task<ApiAnswer> CreateAsync(Staff caller, string path, JsonObject body)
    {
        var answer = await Crm.PostAsync(caller, path, body);
        Assert.True(answer.Status == HttpStatusCode.Created, $"POST {path}: {(int)answer.Status} {answer.Body}");
        return answer;
    }

    public ValueTask DisposeAsync() => Crm.DisposeAsync();
}
