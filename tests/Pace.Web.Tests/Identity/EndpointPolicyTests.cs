using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pace.Identity;
using Pace.Web.Tests.Tokens;

namespace Pace.Web.Tests.Identity;

/// <summary>
/// Every endpoint of pace-web, taken from the routing table, with who may call it. An endpoint added without an
/// entry here fails <see cref="Every_endpoint_has_a_declared_access_policy"/>; each entry is then proved by calling
/// the endpoint as an anonymous caller, an agent, a manager, an admin and a machine client.
/// </summary>
public sealed class EndpointPolicyTests
{
    public enum Access
    {
        /// <summary>Public by design (health, JWKS, the token endpoint, the sign-in pages).</summary>
        Anyone,

        /// <summary>Any signed-in member of staff.</summary>
        Staff,

        /// <summary>Managers and admins.</summary>
        ManagerOrAdmin,

        Admin,

        /// <summary>Staff, and machine clients with the <c>ai</c> scope (the API's description: OpenAPI and schema).</summary>
        ApiReader,
    }

    private static readonly Dictionary<string, Access> Endpoints = new(StringComparer.Ordinal)
    {
        ["GET /healthz"] = Access.Anyone,
        ["GET /readyz"] = Access.Anyone,
        ["GET /about"] = Access.Anyone,
        ["GET /.well-known/jwks.json"] = Access.Anyone,
        ["POST /oauth/token"] = Access.Anyone,
        ["GET /account/challenge"] = Access.Anyone,
        ["GET /account/sign-in"] = Access.Anyone,
        ["GET /account/refused"] = Access.Anyone,
        ["POST /account/sign-out"] = Access.Staff,
        ["POST /account/sign-out-everywhere"] = Access.Staff,
        ["GET /"] = Access.Staff,
        ["GET /Index"] = Access.Staff,
        ["GET /search"] = Access.Staff,
        ["GET /notifications"] = Access.Staff,
        ["GET /applicants"] = Access.Staff,
        ["GET /applicants/{id}"] = Access.Staff,
        ["GET /applicants/new"] = Access.Staff,
        ["GET /applicants/{id}/merge"] = Access.Staff,
        ["GET /listings"] = Access.Staff,
        ["GET /listings/new"] = Access.Staff,
        ["GET /listings/{id}"] = Access.Staff,
        ["GET /listings/{id}/edit"] = Access.Staff,
        ["GET /calendar"] = Access.Staff,
        ["GET /team"] = Access.ManagerOrAdmin,
        ["GET /team/reassign"] = Access.ManagerOrAdmin,
        ["GET /approvals"] = Access.ManagerOrAdmin,
        ["GET /pipeline"] = Access.ManagerOrAdmin,
        ["GET /admin/users"] = Access.Admin,
        ["GET /admin/teams"] = Access.Admin,
        ["GET /admin/reference"] = Access.Admin,
        ["GET /admin/tokens"] = Access.Admin,
        ["GET /admin/audit"] = Access.Admin,
        ["GET /admin/settings"] = Access.Admin,
        ["GET /api/v1/me"] = Access.Staff,
        ["GET /api/v1/applicants"] = Access.Staff,
        ["GET /api/v1/applicants/{id}"] = Access.Staff,
        ["POST /api/v1/applicants"] = Access.Staff,
        ["PATCH /api/v1/applicants/{id}"] = Access.Staff,
        ["DELETE /api/v1/applicants/{id}"] = Access.Staff,
        ["POST /api/v1/applicants/{id}/stage"] = Access.Staff,
        ["GET /api/v1/applicants/{id}/duplicates"] = Access.Staff,
        ["POST /api/v1/applicants/{id}/merge"] = Access.Staff,
        ["POST /api/v1/applicants/{id}/assign"] = Access.ManagerOrAdmin,
        ["POST /api/v1/applicants/reassign"] = Access.ManagerOrAdmin,
        ["POST /api/v1/applicants/{id}/requirements"] = Access.Staff,
        ["PUT /api/v1/applicants/{id}/requirements/{requirementId}"] = Access.Staff,
        ["DELETE /api/v1/applicants/{id}/requirements/{requirementId}"] = Access.Staff,
        ["GET /api/v1/assignment-rules"] = Access.ManagerOrAdmin,
        ["GET /api/v1/dashboard/team"] = Access.ManagerOrAdmin,
        ["POST /api/v1/assignment-rules"] = Access.ManagerOrAdmin,
        ["PUT /api/v1/assignment-rules/{id}"] = Access.ManagerOrAdmin,
        ["DELETE /api/v1/assignment-rules/{id}"] = Access.ManagerOrAdmin,
        ["GET /api/v1/listings"] = Access.Staff,
        ["POST /api/v1/listings"] = Access.Staff,
        ["GET /api/v1/listings/{id}"] = Access.Staff,
        ["PATCH /api/v1/listings/{id}"] = Access.Staff,
        ["POST /api/v1/listings/{id}/submit"] = Access.Staff,
        ["POST /api/v1/listings/{id}/withdraw"] = Access.Staff,
        ["POST /api/v1/listings/{id}/relist"] = Access.Staff,
        ["POST /api/v1/listings/{id}/media"] = Access.Staff,
        ["POST /api/v1/listings/{id}/media/upload"] = Access.Staff,
        ["PUT /api/v1/listings/{id}/media/order"] = Access.Staff,
        ["DELETE /api/v1/listings/{id}/media/{mediaId}"] = Access.Staff,
        ["GET /api/v1/listings/approvals"] = Access.Staff,
        ["POST /api/v1/listings/approvals/{id}/approve"] = Access.Staff,
        ["POST /api/v1/listings/approvals/{id}/reject"] = Access.Staff,
        ["GET /api/v1/viewings"] = Access.Staff,
        ["POST /api/v1/viewings"] = Access.Staff,
        ["GET /api/v1/viewings/{id}"] = Access.Staff,
        ["PATCH /api/v1/viewings/{id}"] = Access.Staff,
        ["POST /api/v1/viewings/{id}/confirm"] = Access.Staff,
        ["POST /api/v1/viewings/{id}/complete"] = Access.Staff,
        ["POST /api/v1/viewings/{id}/no-show"] = Access.Staff,
        ["POST /api/v1/viewings/{id}/cancel"] = Access.Staff,
        ["GET /api/v1/offers"] = Access.Staff,
        ["POST /api/v1/offers"] = Access.Staff,
        ["GET /api/v1/offers/{id}"] = Access.Staff,
        ["POST /api/v1/offers/{id}/accept"] = Access.Staff,
        ["POST /api/v1/offers/{id}/reject"] = Access.Staff,
        ["POST /api/v1/offers/{id}/withdraw"] = Access.Staff,
        ["POST /api/v1/offers/{id}/counter"] = Access.Staff,
        ["GET /api/v1/deals/{id}"] = Access.Staff,
        ["POST /api/v1/deals/{id}/complete"] = Access.Staff,
        ["POST /api/v1/deals/{id}/fall-through"] = Access.Staff,
        ["GET /api/v1/applicants/{id}/timeline"] = Access.Staff,
        ["GET /api/v1/listings/{id}/timeline"] = Access.Staff,
        ["POST /api/v1/activities"] = Access.Staff,
        ["GET /api/v1/tasks"] = Access.Staff,
        ["POST /api/v1/tasks"] = Access.Staff,
        ["GET /api/v1/tasks/{id}"] = Access.Staff,
        ["PATCH /api/v1/tasks/{id}"] = Access.Staff,
        ["POST /api/v1/tasks/{id}/complete"] = Access.Staff,
        ["POST /api/v1/tasks/{id}/reopen"] = Access.Staff,
        ["GET /api/v1/applicants/{id}/matches"] = Access.Staff,
        ["GET /api/v1/listings/{id}/matches"] = Access.Staff,
        ["POST /api/v1/applicants/{id}/not-interested"] = Access.Staff,
        ["DELETE /api/v1/applicants/{id}/not-interested/{listingId}"] = Access.Staff,
        ["GET /api/v1/me/notifications"] = Access.Staff,
        ["POST /api/v1/me/notifications/{id}/read"] = Access.Staff,
        ["GET /api/v1/saved-views"] = Access.Staff,
        ["POST /api/v1/saved-views"] = Access.Staff,
        ["DELETE /api/v1/saved-views/{id}"] = Access.Staff,
        // Uploaded listing media, by content address: any member of staff for now (the portals get their own feed).
        ["GET /media/{key}"] = Access.Staff,
        ["GET /api/v1/me/tokens"] = Access.Staff,
        ["POST /api/v1/me/tokens"] = Access.Staff,
        ["DELETE /api/v1/me/tokens/{id}"] = Access.Staff,
        ["GET /api/v1/admin/audit"] = Access.Admin,
        ["GET /api/v1/admin/machine-clients"] = Access.Admin,
        ["POST /api/v1/admin/machine-clients"] = Access.Admin,
        ["POST /api/v1/admin/machine-clients/{id}/rotate-secret"] = Access.Admin,
        ["DELETE /api/v1/admin/machine-clients/{id}"] = Access.Admin,
        ["GET /api/v1/admin/users"] = Access.Admin,
        ["GET /api/v1/admin/users/{id}"] = Access.Admin,
        ["POST /api/v1/admin/users"] = Access.Admin,
        ["PATCH /api/v1/admin/users/{id}"] = Access.Admin,
        ["POST /api/v1/admin/users/{id}/deactivate"] = Access.Admin,
        ["POST /api/v1/admin/users/{id}/reactivate"] = Access.Admin,
        // The API's description is not public: it maps the data a brokerage holds (docs/api.md).
        ["GET /openapi/{documentName}.json"] = Access.ApiReader,
        ["GET /api/v1/schema"] = Access.ApiReader,
        ["GET /api/v1/admin/teams"] = Access.Admin,
        ["POST /api/v1/admin/teams"] = Access.Admin,
        ["PATCH /api/v1/admin/teams/{id}"] = Access.Admin,
        ["GET /api/v1/admin/reference"] = Access.Admin,
        ["POST /api/v1/admin/reference"] = Access.Admin,
        ["PATCH /api/v1/admin/reference/{id}"] = Access.Admin,
        ["GET /api/v1/admin/settings"] = Access.Admin,
        ["PUT /api/v1/admin/settings/{key}"] = Access.Admin,
    };

    [Fact]
    public async Task Every_endpoint_has_a_declared_access_policy()
    {
        await using var host = await TokenTestHost.StartAsync();

        var routed = RoutedEndpoints(host.Services);

        var undeclared = routed.Except(Endpoints.Keys).ToList();
        var gone = Endpoints.Keys.Except(routed).ToList();
        Assert.True(undeclared.Count == 0, "Endpoints without a declared policy (add them to EndpointPolicyTests.Endpoints): " + string.Join(", ", undeclared));
        Assert.True(gone.Count == 0, "Declared endpoints that no longer exist: " + string.Join(", ", gone));
    }

    [Fact]
    public async Task Each_endpoint_admits_exactly_the_callers_its_policy_names()
    {
        await using var host = await TokenTestHost.StartAsync();
        var callers = new Dictionary<string, string?>
        {
            ["anonymous"] = null,
            ["agent"] = (await host.SeedPersonalTokenAsync(await host.SeedUserAsync("agent@allsop.example", UserRole.Agent))).Token,
            ["manager"] = (await host.SeedPersonalTokenAsync(await host.SeedUserAsync("manager@allsop.example", UserRole.Manager))).Token,
            ["admin"] = (await host.SeedPersonalTokenAsync(await host.SeedUserAsync("admin@allsop.example", UserRole.Admin))).Token,
        };
        var (client, secret) = await host.SeedClientAsync("pace-ai", TokenScopes.Ai, TokenScopes.ExportRead);
        callers["machine"] = await host.AccessTokenAsync(client.ClientId, secret, ("grant_type", "client_credentials"));

        using var http = host.CreateNonRedirectingClient();
        var wrong = new List<string>();
        foreach (var (endpoint, access) in Endpoints)
        {
            var (method, path) = Split(endpoint);
            foreach (var (caller, token) in callers)
            {
                // Every route parameter a fresh id, so the route matches and the policy, not routing, answers.
                var concrete = System.Text.RegularExpressions.Regex.Replace(
                    path.Replace("{documentName}", "v1", StringComparison.Ordinal), @"\{\w+\}", _ => Guid.NewGuid().ToString());
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(concrete, UriKind.Relative));
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await http.SendAsync(request);
                var admitted = Admitted(response);
                var expected = access switch
                {
                    Access.Anyone => true,
                    Access.Staff => caller is "agent" or "manager" or "admin",
                    Access.ManagerOrAdmin => caller is "manager" or "admin",
                    Access.Admin => caller == "admin",
                    Access.ApiReader => caller is "agent" or "manager" or "admin" or "machine",
                    _ => false,
                };
                if (admitted != expected)
                {
                    wrong.Add($"{endpoint} as {caller}: {(int)response.StatusCode} (expected {(expected ? "admitted" : "refused")})");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>
    /// Refused by authorization means 401, a 403 ProblemDetails, or the browser being sent to sign in; anything else
    /// got past it (a sign-in refusal page is itself an HTML 403, and public).
    /// </summary>
    private static bool Admitted(HttpResponseMessage response) => !(
        response.StatusCode == HttpStatusCode.Unauthorized
        || (response.StatusCode == HttpStatusCode.Forbidden && response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        || (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
            && response.Headers.Location?.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal) == true));

    /// <summary>Every endpoint of the routing table as "METHOD /path" (route constraints dropped).</summary>
    internal static HashSet<string> RoutedEndpoints(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} {Normalize(e.RoutePattern.RawText ?? "")}"))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Route templates as a person writes them: leading slash, no trailing one, constraints dropped.</summary>
    private static string Normalize(string pattern)
    {
        var path = "/" + pattern.Trim('/');
        return System.Text.RegularExpressions.Regex.Replace(path, @"\{(\w+)(:[^}]*)?\}", "{$1}");
    }

    private static (string Method, string Path) Split(string endpoint)
    {
        var space = endpoint.IndexOf(' ', StringComparison.Ordinal);
        return (endpoint[..space], endpoint[(space + 1)..]);
    }
}
