using System.Net;
using Pace.Identity;
using Pace.Locations;
using Pace.Reference;
using Pace.Web.Tests.Admin;

namespace Pace.Web.Tests.Applicants;

/// <summary>
/// A small brokerage over pace-web: two teams (Marina with a manager and two agents, Downtown with one agent), an
/// admin, a location tree (Dubai › Dubai Marina › Marina Gate 1, Dubai › Downtown) and the reference codes the
/// CRM checks, each person calling through their own personal token.
/// </summary>
public sealed class CrmWorld : IAsyncDisposable
{
    private CrmWorld(AdminApiClient api) => Api = api;

    public AdminApiClient Api { get; }

    public Guid Marina { get; private set; }

    public Guid Downtown { get; private set; }

    public Dictionary<string, User> People { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Tokens { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Guid> Places { get; } = new(StringComparer.Ordinal);

    public static async Task<CrmWorld> StartAsync()
    {
        var world = new CrmWorld(await AdminApiClient.StartAsync());
        await world.SeedAsync();
        return world;
    }

    public Task<AdminResponse> As(string person, HttpMethod method, string path, object? body = null, string? ifMatch = null) =>
        Api.SendAsync(method, path, body, ifMatch, Tokens[person]);

    /// <summary>Creates an applicant as <paramref name="person"/> and returns its id (asserting 201).</summary>
    public async Task<Guid> CreateApplicantAsync(string person, string firstName, string lastName, string phone, object? requirement = null, string? email = null)
    {
        var response = await As(person, HttpMethod.Post, "/api/v1/applicants", new
        {
            firstName,
            lastName,
            source = "property_finder",
            phones = new[] { new { number = phone } },
            emails = email is null ? Array.Empty<string>() : [email],
            requirements = requirement is null ? Array.Empty<object>() : [requirement],
        });
        Assert.True(response.Status == HttpStatusCode.Created, response.Body.ToString());
        return response.Body.GetProperty("applicant").GetProperty("id").GetGuid();
    }

    public async ValueTask DisposeAsync() => await Api.DisposeAsync();

    private async Task SeedAsync()
    {
        var host = Api.Host;
        await using (var db = host.Database.CreatePaceDbContext())
        {
            var now = host.Clock.Now;
            var marina = new Team { Name = "Marina", CreatedAt = now, UpdatedAt = now };
            var downtown = new Team { Name = "Downtown", CreatedAt = now, UpdatedAt = now };
            db.Teams.AddRange(marina, downtown);
            Location Place(string name, string path, LocationLevel level, Location? parent) =>
                new() { Name = name, Path = path, Level = level, ParentId = parent?.Id, CreatedAt = now, UpdatedAt = now };
            var dubai = Place("Dubai", "dubai", LocationLevel.Emirate, null);
            var dubaiMarina = Place("Dubai Marina", "dubai/dubai-marina", LocationLevel.Community, dubai);
            var marinaGate = Place("Marina Gate 1", "dubai/dubai-marina/marina-gate-1", LocationLevel.Building, dubaiMarina);
            var downtownDubai = Place("Downtown Dubai", "dubai/downtown-dubai", LocationLevel.Community, dubai);
            db.Locations.AddRange(dubai, dubaiMarina, marinaGate, downtownDubai);
            (Places["dubai"], Places["dubai-marina"], Places["marina-gate-1"], Places["downtown"]) = (dubai.Id, dubaiMarina.Id, marinaGate.Id, downtownDubai.Id);
            ReferenceValue Code(ReferenceKind kind, string code) => new() { Kind = kind, Code = code, Label = code, CreatedAt = now, UpdatedAt = now };
            db.ReferenceValues.AddRange(
                Code(ReferenceKind.PropertyType, "apartment"), Code(ReferenceKind.PropertyType, "villa"),
                Code(ReferenceKind.LostReason, "not_responding"), Code(ReferenceKind.LostReason, "bought_elsewhere"));
            await db.SaveChangesAsync();
            (Marina, Downtown) = (marina.Id, downtown.Id);
        }

        People["admin"] = Api.Admin;
        Tokens["admin"] = Api.Token;
        foreach (var (name, role, team) in new[]
        {
            ("manager", UserRole.Manager, Marina), ("agent", UserRole.Agent, Marina), ("agent3", UserRole.Agent, Marina),
            ("agent2", UserRole.Agent, Downtown),
        })
        {
            var user = await host.SeedUserAsync($"{name}@allsop.example", role, teamId: team);
            People[name] = user;
            Tokens[name] = (await host.SeedPersonalTokenAsync(user)).Token;
        }

        await using var teams = host.Database.CreatePaceDbContext();
        (await teams.Teams.FindAsync(Marina))!.ManagerId = People["manager"].Id;
        await teams.SaveChangesAsync();
    }
}
