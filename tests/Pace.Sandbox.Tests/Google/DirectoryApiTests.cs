using System.Net;
using System.Text.Json;
using Pace.Sandbox.Google;

namespace Pace.Sandbox.Tests.Google;

/// <summary>The Admin SDK Directory API's users.list, as PACE's Workspace user sync calls it.</summary>
public sealed class DirectoryApiTests
{
    private const string List = "/google/admin/directory/v1/users";

    [Fact]
    public async Task Listing_users_without_a_token_is_unauthenticated()
    {
        await using var google = GoogleTwin.Start();

        var (missing, missingBody) = await google.GetAsync(List + "?customer=my_customer");
        var (bogus, bogusBody) = await google.GetAsync(List + "?customer=my_customer", "ya29.a0bogus");

        AssertApiError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED", "required", missing, missingBody);
        AssertApiError(HttpStatusCode.Unauthorized, "UNAUTHENTICATED", "authError", bogus, bogusBody);
    }

    [Fact]
    public async Task Listing_users_needs_a_directory_scope()
    {
        await using var google = GoogleTwin.Start();
        var gmailOnly = await google.DelegatedTokenAsync("admin@allsop.example", "https://www.googleapis.com/auth/gmail.send");
        var signedIn = (await google.SignInAsync("admin@allsop.example")).GetProperty("access_token").GetString();

        var (status, body) = await google.GetAsync(List + "?customer=my_customer", gmailOnly);
        var (userStatus, _) = await google.GetAsync(List + "?customer=my_customer", signedIn);

        AssertApiError(HttpStatusCode.Forbidden, "PERMISSION_DENIED", "insufficientPermissions", status, body);
        Assert.Equal("Request had insufficient authentication scopes.", body.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, userStatus);
    }

    [Fact]
    public async Task Listing_users_needs_the_delegated_user_to_be_an_administrator()
    {
        await using var google = GoogleTwin.Start();
        var asAgent = await google.DelegatedTokenAsync("agent@allsop.example");

        var (status, body) = await google.GetAsync(List + "?customer=my_customer", asAgent);

        AssertApiError(HttpStatusCode.Forbidden, "PERMISSION_DENIED", "forbidden", status, body);
    }

    [Fact]
    public async Task A_user_has_the_Admin_SDK_resource_shape()
    {
        await using var google = GoogleTwin.Start();
        var token = await google.DelegatedTokenAsync("admin@allsop.example");

        var (status, body) = await google.GetAsync(List + "?domain=allsop.example&orderBy=email", token);
        var admin = body.GetProperty("users").EnumerateArray().Single(u => u.GetProperty("primaryEmail").GetString() == "admin@allsop.example");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("admin#directory#users", body.GetProperty("kind").GetString());
        Assert.False(body.TryGetProperty("nextPageToken", out _));
        Assert.Equal("admin#directory#user", admin.GetProperty("kind").GetString());
        Assert.Equal(GoogleIds.SubjectFor("admin@allsop.example"), admin.GetProperty("id").GetString());
        Assert.Equal("Sara", admin.GetProperty("name").GetProperty("givenName").GetString());
        Assert.Equal("Al Mansoori", admin.GetProperty("name").GetProperty("familyName").GetString());
        Assert.Equal("Sara Al Mansoori", admin.GetProperty("name").GetProperty("fullName").GetString());
        Assert.True(admin.GetProperty("isAdmin").GetBoolean());
        Assert.False(admin.GetProperty("suspended").GetBoolean());
        Assert.Equal("/Management", admin.GetProperty("orgUnitPath").GetString());
        Assert.Equal("CRM Administrator", admin.GetProperty("organizations")[0].GetProperty("title").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", admin.GetProperty("creationTime").GetString());
        Assert.Equal("1970-01-01T00:00:00.000Z", admin.GetProperty("lastLoginTime").GetString());
        Assert.StartsWith(google.Issuer + "/_sandbox/photos/", admin.GetProperty("thumbnailPhotoUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal(GoogleSandboxDefaults.CustomerId, admin.GetProperty("customerId").GetString());
    }

    [Fact]
    public async Task Signing_in_sets_the_last_login_time()
    {
        await using var google = GoogleTwin.Start();
        var token = await google.DelegatedTokenAsync("admin@allsop.example");
        await google.SignInAsync("agent@allsop.example");

        var (_, body) = await google.GetAsync(List + "?customer=my_customer&query=email:agent@allsop.example", token);
        var agent = body.GetProperty("users").EnumerateArray().Single();

        Assert.Equal(DirectoryUserResource.Time(google.Clock.GetUtcNow()), agent.GetProperty("lastLoginTime").GetString());
    }

    [Theory]
    [InlineData("email", "ASCENDING")]
    [InlineData("familyName", "DESCENDING")]
    [InlineData("givenName", "ASCENDING")]
    public async Task Pages_together_hold_every_user_once_in_order(string orderBy, string sortOrder)
    {
        await using var google = GoogleTwin.Start();
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(HttpStatusCode.Created, await google.PostAsync("/google/_sandbox/users", new
            {
                primaryEmail = $"staff{i}@allsop.example",
                givenName = i % 2 == 0 ? "Aisha" : "Zaid",
                familyName = $"Family {8 - i}",
            }));
        }

        var token = await google.DelegatedTokenAsync("admin@allsop.example");
        var seen = new List<JsonElement>();
        var pages = 0;
        string? pageToken = null;
        do
        {
            var path = $"{List}?customer=my_customer&maxResults=4&orderBy={orderBy}&sortOrder={sortOrder}"
                + (pageToken is null ? "" : "&pageToken=" + Uri.EscapeDataString(pageToken));
            var (status, body) = await google.GetAsync(path, token);
            Assert.Equal(HttpStatusCode.OK, status);
            var users = body.GetProperty("users").EnumerateArray().ToList();
            Assert.InRange(users.Count, 1, 4);
            seen.AddRange(users);
            pageToken = body.TryGetProperty("nextPageToken", out var next) ? next.GetString() : null;
            pages++;
        }
        while (pageToken is not null);

        var keys = seen.Select(u => orderBy switch
        {
            "familyName" => u.GetProperty("name").GetProperty("familyName").GetString()!,
            "givenName" => u.GetProperty("name").GetProperty("givenName").GetString()!,
            _ => u.GetProperty("primaryEmail").GetString()!,
        }).Select(k => k.ToUpperInvariant()).ToList();
        var expected = sortOrder == "ASCENDING" ? keys.Order(StringComparer.Ordinal) : keys.OrderDescending(StringComparer.Ordinal);

        Assert.Equal(13, seen.Count);
        Assert.Equal(4, pages);
        Assert.Equal(13, seen.Select(u => u.GetProperty("primaryEmail").GetString()).Distinct().Count());
        Assert.Equal(expected, keys);
    }

    [Fact]
    public async Task The_list_reflects_suspension_addition_and_deletion()
    {
        await using var google = GoogleTwin.Start();
        var token = await google.DelegatedTokenAsync("admin@allsop.example");

        await google.PostAsync("/google/_sandbox/users/agent@allsop.example/suspend");
        await google.PostAsync("/google/_sandbox/users", new { primaryEmail = "new.agent@allsop.example", givenName = "Noor", familyName = "Khalil", orgUnitPath = "/Sales/JLT", title = "Property Consultant" });
        using (var delete = await google.Http.DeleteAsync(GoogleTwin.Relative("/google/_sandbox/users/agent2@allsop.example")))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var live = await UsersAsync(google, token, "customer=my_customer");
        var deleted = await UsersAsync(google, token, "customer=my_customer&showDeleted=true");
        var suspendedOnly = await UsersAsync(google, token, "customer=my_customer&query=isSuspended=true");
        var jlt = await UsersAsync(google, token, "domain=allsop.example&query=orgUnitPath='/Sales'");

        Assert.Equal(["admin@allsop.example", "agent@allsop.example", "manager@allsop.example", "new.agent@allsop.example"], live.Keys);
        Assert.True(live["agent@allsop.example"].GetProperty("suspended").GetBoolean());
        Assert.Equal("ADMIN", live["agent@allsop.example"].GetProperty("suspensionReason").GetString());
        Assert.Equal("/Sales/JLT", live["new.agent@allsop.example"].GetProperty("orgUnitPath").GetString());
        Assert.Equal(["agent2@allsop.example"], deleted.Keys);
        Assert.True(deleted["agent2@allsop.example"].TryGetProperty("deletionTime", out _));
        Assert.Equal(["agent@allsop.example"], suspendedOnly.Keys);
        Assert.Equal(["agent@allsop.example", "manager@allsop.example", "new.agent@allsop.example"], jlt.Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("customer=someone_else")]
    [InlineData("customer=my_customer&maxResults=0")]
    [InlineData("customer=my_customer&maxResults=501")]
    [InlineData("customer=my_customer&orderBy=title")]
    [InlineData("customer=my_customer&pageToken=not-a-token")]
    [InlineData("customer=my_customer&query=name:'Sara'")]
    public async Task Invalid_list_parameters_are_bad_requests(string query)
    {
        await using var google = GoogleTwin.Start();
        var token = await google.DelegatedTokenAsync("admin@allsop.example");

        var (status, body) = await google.GetAsync($"{List}?{query}", token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, body.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal("INVALID_ARGUMENT", body.GetProperty("error").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_page_token_belongs_to_the_query_that_made_it()
    {
        await using var google = GoogleTwin.Start();
        var token = await google.DelegatedTokenAsync("admin@allsop.example");
        var (_, first) = await google.GetAsync($"{List}?customer=my_customer&maxResults=2", token);
        var pageToken = Uri.EscapeDataString(first.GetProperty("nextPageToken").GetString()!);

        var (status, _) = await google.GetAsync($"{List}?customer=my_customer&maxResults=2&orderBy=familyName&pageToken={pageToken}", token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task A_domain_outside_the_workspace_is_not_authorized()
    {
        await using var google = GoogleTwin.Start();
        var token = await google.DelegatedTokenAsync("admin@allsop.example");

        var (status, body) = await google.GetAsync($"{List}?domain=example.org", token);

        AssertApiError(HttpStatusCode.Forbidden, "PERMISSION_DENIED", "forbidden", status, body);
    }

    private static async Task<SortedDictionary<string, JsonElement>> UsersAsync(GoogleTwin google, string token, string query)
    {
        var (status, body) = await google.GetAsync($"{List}?{query}", token);
        Assert.Equal(HttpStatusCode.OK, status);
        var users = new SortedDictionary<string, JsonElement>(StringComparer.Ordinal);
        if (body.TryGetProperty("users", out var list))
        {
            foreach (var user in list.EnumerateArray())
            {
                users[user.GetProperty("primaryEmail").GetString()!] = user;
            }
        }

        return users;
    }

    private static void AssertApiError(HttpStatusCode expected, string googleStatus, string reason, HttpStatusCode status, JsonElement body)
    {
        Assert.Equal(expected, status);
        var error = body.GetProperty("error");
        Assert.Equal((int)expected, error.GetProperty("code").GetInt32());
        Assert.Equal(googleStatus, error.GetProperty("status").GetString());
        Assert.Equal(reason, error.GetProperty("errors")[0].GetProperty("reason").GetString());
        Assert.Equal("global", error.GetProperty("errors")[0].GetProperty("domain").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }
}
