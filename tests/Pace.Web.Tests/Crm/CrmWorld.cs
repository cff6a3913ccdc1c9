using System.Globalization;
using System.Net;
using System.Text.Json;
using Pace.Applicants;
using Pace.Data;
using Pace.Identity;
using Pace.Listings;
using Pace.Locations;
using Pace.Web.Tests.Tokens;

namespace Pace.Web.Tests.Crm;

/// <summary>A member of staff of the test brokerage and the personal token they call the API with.</summary>
public sealed record Staff(User User, string Token)
{
    public Guid Id => User.Id;
}

/// <summary>An API answer: status, parsed body (null JSON when empty) and ETag.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, JsonElement Body, string? ETag)
{
    public Guid Id => Body.GetProperty("id").GetGuid();

    public string Text(string property) => Body.GetProperty(property).GetString()!;

    /// <summary>The field names of a 400 ProblemDetails.</summary>
    public IReadOnlyList<string> ErrorFields =>
        Body.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(e => e.Name).ToList() : [];
}

/// <summary>
/// pace-web over a fresh database with a small brokerage: two teams (Marina, Downtown) with an agent each, a second
/// Marina agent, the two managers and an admin; intent helpers seed listings and applicants and call the API as
/// any of them.
/// </summary>
public sealed class CrmWorld : IAsyncDisposable
{
    private static int _references = 10_000;

    private CrmWorld(TokenTestHost host, Guid location, Staff agent, Staff teammate, Staff otherAgent, Staff manager, Staff otherManager, Staff admin)
    {
        Host = host;
        Location = location;
        Agent = agent;
        Teammate = teammate;
        OtherAgent = otherAgent;
        Manager = manager;
        OtherManager = otherManager;
        Admin = admin;
    }

    public TokenTestHost Host { get; }

    public Guid Location { get; }

    /// <summary>Marina agent.</summary>
    public Staff Agent { get; }

    /// <summary>Another Marina agent.</summary>
    public Staff Teammate { get; }

    /// <summary>Downtown agent.</summary>
    public Staff OtherAgent { get; }

    /// <summary>Marina manager.</summary>
    public Staff Manager { get; }

    /// <summary>Downtown manager.</summary>
    public Staff OtherManager { get; }

    public Staff Admin { get; }

    public DateTimeOffset Now => Host.Clock.Now;

    public static async Task<CrmWorld> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var host = await TokenTestHost.StartAsync(settings);
        // On a whole second, so times the tests compute survive PostgreSQL's microsecond precision unchanged.
        host.Clock.Advance(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - (host.Clock.Now.UtcTicks % TimeSpan.TicksPerSecond)));
        Guid marina, downtown, location;
        await using (var db = host.Database.CreatePaceDbContext())
        {
            var now = host.Clock.Now;
            var teams = new[] { new Team { Name = "Marina", CreatedAt = now, UpdatedAt = now }, new Team { Name = "Downtown", CreatedAt = now, UpdatedAt = now } };
            var place = new Location { Level = LocationLevel.Community, Name = "Dubai Marina", Path = "dubai/dubai-marina", CreatedAt = now, UpdatedAt = now };
            db.Teams.AddRange(teams);
            db.Locations.Add(place);
            await db.SaveChangesAsync();
            (marina, downtown, location) = (teams[0].Id, teams[1].Id, place.Id);
        }

        async Task<Staff> StaffAsync(string name, UserRole role, Guid? team)
        {
            var user = await host.SeedUserAsync($"{name}@allsop.example", role, teamId: team);
            return new Staff(user, (await host.SeedPersonalTokenAsync(user)).Token);
        }

        return new CrmWorld(
            host, location,
            await StaffAsync("agent", UserRole.Agent, marina),
            await StaffAsync("teammate", UserRole.Agent, marina),
            await StaffAsync("other.agent", UserRole.Agent, downtown),
            await StaffAsync("manager", UserRole.Manager, marina),
            await StaffAsync("other.manager", UserRole.Manager, downtown),
            await StaffAsync("admin", UserRole.Admin, null));
    }

    /// <summary>A place of the location tree beneath <paramref name="parentId"/> (the Dubai Marina community by default).</summary>
    public async Task<Guid> SeedPlaceAsync(string name, Guid? parentId = null, LocationLevel level = LocationLevel.Building)
    {
        await using var db = Host.Database.CreatePaceDbContext();
        var parent = await db.Locations.FindAsync(parentId ?? Location) ?? throw new InvalidOperationException("No such parent place.");
        var slug = name.ToLowerInvariant().Replace(' ', '-');
        var place = new Location { ParentId = parent.Id, Level = level, Name = name, Path = $"{parent.Path}/{slug}", CreatedAt = Now, UpdatedAt = Now };
        db.Locations.Add(place);
        await db.SaveChangesAsync();
        return place.Id;
    }

    /// <summary>A listing of <paramref name="agent"/>'s, a two-bedroom flat in Dubai Marina unless <paramref name="change"/> says otherwise.</summary>
    public async Task<Guid> SeedListingAsync(
        Staff agent, ListingStatus status = ListingStatus.Live, Purpose purpose = Purpose.Sale, long priceMinor = 250_000_000, Action<Listing>? change = null)
    {
        await using var db = Host.Database.CreatePaceDbContext();
        var now = Now;
        var number = Interlocked.Increment(ref _references);
        var listing = new Listing
        {
            Reference = string.Create(CultureInfo.InvariantCulture, $"AA-{(purpose == Purpose.Sale ? 'S' : 'R')}-{number}"),
            Purpose = purpose,
            Category = PropertyCategory.Residential,
            PropertyType = "apartment",
            Status = status,
            StatusChangedAt = now,
            PriceMinor = priceMinor,
            RentFrequency = purpose == Purpose.Rent ? RentFrequency.Yearly : null,
            Bedrooms = 2,
            Bathrooms = 2,
            SizeSqft = 1200,
            LocationId = Location,
            Furnishing = Furnishing.Unfurnished,
            CompletionStatus = CompletionStatus.Completed,
            TitleEn = "Two-bedroom apartment with marina view",
            DescriptionEn = "Bright two-bedroom apartment.",
            ListingAgentId = agent.Id,
            CreatedAt = now,
            UpdatedAt = now,
        };
        change?.Invoke(listing);
        db.Listings.Add(listing);
        await db.SaveChangesAsync();
        return listing.Id;
    }

    /// <summary>An applicant assigned to <paramref name="agent"/>; <paramref name="wants"/> are their requirements.</summary>
    public async Task<Guid> SeedApplicantAsync(
        Staff? agent, ApplicantStage stage = ApplicantStage.Qualified, string firstName = "Layla", params Requirement[] wants)
    {
        await using var db = Host.Database.CreatePaceDbContext();
        var now = Now;
        var applicant = new Applicant
        {
            FirstName = firstName, LastName = "Hassan", Source = LeadSource.PropertyFinder, Stage = stage, StageChangedAt = now,
            AssignedAgentId = agent?.Id, CreatedAt = now, UpdatedAt = now, LostReason = stage == ApplicantStage.Lost ? "not_responding" : null,
        };
        foreach (var requirement in wants)
        {
            (requirement.CreatedAt, requirement.UpdatedAt) = (now, now);
            applicant.Requirements.Add(requirement);
        }

        db.Applicants.Add(applicant);
        await db.SaveChangesAsync();
        return applicant.Id;
    }

    public async Task<T> ReadAsync<T>(Func<PaceDbContext, Task<T>> read)
    {
        await using var db = Host.Database.CreatePaceDbContext();
        return await read(db);
    }

    /// <summary>Calls the API as <paramref name="caller"/>; <paramref name="ifMatch"/> is sent as If-Match.</summary>
    public async Task<ApiAnswer> CallAsync(Staff caller, HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var response = await Host.SendAsync(method, path, caller.Token, body, ifMatch);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return new ApiAnswer(response.StatusCode, document.RootElement.Clone(), response.Headers.ETag?.ToString());
    }

    public Task<ApiAnswer> GetAsync(Staff caller, string path) => CallAsync(caller, HttpMethod.Get, path);

    public Task<ApiAnswer> PostAsync(Staff caller, string path, object? body = null, string? ifMatch = null) =>
        CallAsync(caller, HttpMethod.Post, path, body, ifMatch);

    public Task<ApiAnswer> PatchAsync(Staff caller, string path, object body, string? ifMatch) => CallAsync(caller, HttpMethod.Patch, path, body, ifMatch);

    /// <summary>The next Dubai day at <paramref name="hour"/>:<paramref name="minute"/> local time (UTC+4), as UTC.</summary>
    public DateTimeOffset Tomorrow(int hour, int minute = 0) => Pace.Common.DubaiTime.DayOf(Now).Start.AddDays(1).AddHours(hour).AddMinutes(minute);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
