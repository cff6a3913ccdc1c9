using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pace.Common;
using Pace.Identity;

namespace Pace.Browser.Tests.Manage;

/// <summary>
/// Intent helpers for the manager's and admin's browser tests: people, and what agents made through the REST API
/// with their own personal tokens (never rows written behind the API's back, except the people and the reference
/// data an installation starts with).
/// </summary>
public sealed class ManageData(PaceBrowserFixture fixture)
{
    /// <summary>A member of staff made straight in the database, as directory sync would; answers their id.</summary>
    public async Task<Guid> AddPersonAsync(string email, string name, UserRole role, string? teamName)
    {
        await using var db = fixture.Database.CreatePaceDbContext();
        var team = teamName is null ? null : await db.Teams.Where(t => t.Name == teamName).Select(t => (Guid?)t.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var user = new User { Email = email, DisplayName = name, Role = role, TeamId = team, CreatedAt = now, UpdatedAt = now };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    public async Task<Guid> UserIdAsync(string email)
    {
        await using var db = fixture.Database.CreatePaceDbContext();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>An HTTP client of pace-web acting as <paramref name="email"/> through a fresh personal token.</summary>
    public async Task<HttpClient> ApiAsAsync(string email)
    {
        await using var db = fixture.Database.CreatePaceDbContext();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var (entity, token, _) = PersonalTokenFactory.Create(userId, "browser test", 1, [], DateTimeOffset.UtcNow);
        db.PersonalTokens.Add(entity!);
        await db.SaveChangesAsync();
        var http = new HttpClient { BaseAddress = fixture.WebBase };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>An applicant <paramref name="agent"/> adds through the API (assigned to them); answers its id.</summary>
    public static async Task<Guid> AddApplicantAsync(HttpClient agent, string firstName, string lastName, string phone)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var body = await SendAsync(agent, HttpMethod.Post, "/api/v1/applicants", new { firstName, lastName, source = "bayut", phones = new[] { new { number = phone } } });
        return body.GetProperty("applicant").GetProperty("id").GetGuid();
    }

    /// <summary>A note <paramref name="agent"/> logs on an applicant's timeline through the API.</summary>
    public static async Task AddNoteAsync(HttpClient agent, Guid applicantId, string note)
    {
        ArgumentNullException.ThrowIfNull(agent);
        await SendAsync(agent, HttpMethod.Post, "/api/v1/activities", new { kind = "note", applicantId, body = note });
    }

    /// <summary>
    /// A compliant two-bedroom apartment in Marina Gate 1 that <paramref name="agent"/> creates and submits for
    /// approval through the API, with a current RERA permit of the same price and size; answers its id and reference.
    /// </summary>
    public async Task<(Guid Id, string Reference)> SubmitListingAsync(HttpClient agent, string title)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var building = await MarinaGate1Async();
        var owner = await SendAsync(agent, HttpMethod.Post, "/api/v1/applicants", new
        {
            kind = "owner", firstName = "Khalid", lastName = "Al Suwaidi", source = "referral", phones = new[] { new { number = "+971501234567" } },
        });
        var today = DubaiTime.DateOf(DateTimeOffset.UtcNow);
        var listing = await SendAsync(agent, HttpMethod.Post, "/api/v1/listings", new Dictionary<string, object?>
        {
            ["purpose"] = "sale", ["category"] = "residential", ["propertyType"] = "apartment", ["priceMinor"] = 2_450_000_00L,
            ["bedrooms"] = 2, ["bathrooms"] = 3, ["sizeSqft"] = 1_250m, ["locationId"] = building, ["unitNumber"] = "2304", ["floorNumber"] = "23",
            ["parkingSpaces"] = 1, ["furnishing"] = "unfurnished", ["completionStatus"] = "completed", ["amenities"] = Array.Empty<string>(),
            ["titleEn"] = title, ["descriptionEn"] = "High floor, full marina view, vacant on transfer.",
            ["permitType"] = "rera", ["permitNumber"] = "7116777484", ["permitIssuedOn"] = today.AddDays(-5), ["permitExpiresOn"] = today.AddDays(85),
            ["permitPriceMinor"] = 2_450_000_00L, ["permitSizeSqft"] = 1_250m, ["mandateType"] = "exclusive", ["mandateExpiresOn"] = today.AddDays(120),
            ["ownerId"] = owner.GetProperty("applicant").GetProperty("id").GetGuid(),
        });
        var id = listing.GetProperty("id").GetGuid();
        var submitted = await SendAsync(agent, HttpMethod.Post, $"/api/v1/listings/{id}/submit", new { });
        Assert.Equal("pending_approval", submitted.GetProperty("status").GetString());
        return (id, listing.GetProperty("reference").GetString()!);
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The building of the fixture's reference data (<see cref="BrowserWorld.Building"/>) a listing is placed in.</summary>
    private async Task<Guid> MarinaGate1Async()
    {
        await using var db = fixture.Database.CreatePaceDbContext();
        return await db.Locations.Where(l => l.Name == BrowserWorld.Building).Select(l => l.Id).SingleAsync();
    }
}
