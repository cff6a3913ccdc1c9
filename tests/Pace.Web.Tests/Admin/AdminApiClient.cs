using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pace.Audit;
using Pace.Identity;
using Pace.Web.Tests.Tokens;

namespace Pace.Web.Tests.Admin;

/// <summary>An answer of the admin API: status, ETag and the parsed body.</summary>
public sealed record AdminResponse(HttpStatusCode Status, string? ETag, JsonElement Body)
{
    public bool NamesField(string field) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _);
}

/// <summary>pace-web with one signed-in admin (through a personal token), and intent helpers for the admin API.</summary>
public sealed class AdminApiClient : IAsyncDisposable
{
    private AdminApiClient(TokenTestHost host, User admin, string token)
    {
        Host = host;
        Admin = admin;
        Token = token;
    }

    public TokenTestHost Host { get; }

    public User Admin { get; }

    public string Token { get; }

    public static async Task<AdminApiClient> StartAsync()
    {
        var host = await TokenTestHost.StartAsync();
        var admin = await host.SeedUserAsync("admin@allsop.example", UserRole.Admin);
        var (_, token) = await host.SeedPersonalTokenAsync(admin);
        return new AdminApiClient(host, admin, token);
    }

    public Task<AdminResponse> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, null, token: token);

    public Task<AdminResponse> PostAsync(string path, object? body = null, string? token = null) => SendAsync(HttpMethod.Post, path, body ?? new { }, token: token);

    public Task<AdminResponse> PatchAsync(string path, object body, string? ifMatch) => SendAsync(HttpMethod.Patch, path, body, ifMatch);

    public async Task<AdminResponse> SendAsync(HttpMethod method, string path, object? body, string? ifMatch = null, string? token = null)
    {
        using var response = await Host.SendAsync(method, path, token ?? Token, body, ifMatch);
        var text = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return new AdminResponse(response.StatusCode, response.Headers.ETag?.ToString(), json.RootElement.Clone());
    }

    /// <summary>Creates a user through the API and returns their id.</summary>
    public async Task<Guid> CreateUserAsync(string email, string role = "agent", Guid? teamId = null)
    {
        var response = await PostAsync("/api/v1/admin/users", new { email, displayName = email.Split('@')[0], role, teamId });
        Assert.True(response.Status == HttpStatusCode.Created, response.Body.ToString());
        return response.Body.GetProperty("id").GetGuid();
    }

    public async Task<Guid> CreateTeamAsync(string name, Guid? managerId = null)
    {
        var response = await PostAsync("/api/v1/admin/teams", new { name, managerId });
        Assert.True(response.Status == HttpStatusCode.Created, response.Body.ToString());
        return response.Body.GetProperty("id").GetGuid();
    }

    public async Task<List<AuditEntry>> AuditAsync(string action, Guid entityId)
    {
        await using var db = Host.Database.CreatePaceDbContext();
        return await db.AuditLog.AsNoTracking().Where(a => a.Action == action && a.EntityId == entityId).OrderBy(a => a.Id).ToListAsync();
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
