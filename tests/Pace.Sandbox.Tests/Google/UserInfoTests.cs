using System.Net;
using Pace.Sandbox.Google;

namespace Pace.Sandbox.Tests.Google;

public sealed class UserInfoTests
{
    [Fact]
    public async Task Userinfo_describes_the_signed_in_user_for_a_valid_access_token()
    {
        await using var google = GoogleTwin.Start();
        var accessToken = (await google.SignInAsync("manager@allsop.example")).GetProperty("access_token").GetString()!;

        var (status, body) = await google.GetAsync("/google/oauth2/v3/userinfo", accessToken);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(GoogleIds.SubjectFor("manager@allsop.example"), body.GetProperty("sub").GetString());
        Assert.Equal("manager@allsop.example", body.GetProperty("email").GetString());
        Assert.True(body.GetProperty("email_verified").GetBoolean());
        Assert.Equal("Omar Haddad", body.GetProperty("name").GetString());
        Assert.Equal("Omar", body.GetProperty("given_name").GetString());
        Assert.Equal("Haddad", body.GetProperty("family_name").GetString());
        Assert.Equal("allsop.example", body.GetProperty("hd").GetString());
        Assert.StartsWith(google.Issuer + "/_sandbox/photos/", body.GetProperty("picture").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Userinfo_refuses_a_missing_an_unknown_and_an_expired_token()
    {
        await using var google = GoogleTwin.Start();
        var accessToken = (await google.SignInAsync("agent@allsop.example")).GetProperty("access_token").GetString()!;

        using var missing = await google.Http.GetAsync(GoogleTwin.Relative("/google/oauth2/v3/userinfo"));
        var (unknown, unknownBody) = await google.GetAsync("/google/oauth2/v3/userinfo", "ya29.a0not-a-token");
        var (live, _) = await google.GetAsync("/google/oauth2/v3/userinfo", accessToken);
        google.Clock.Advance(TimeSpan.FromSeconds(3600));
        var (expired, _) = await google.GetAsync("/google/oauth2/v3/userinfo", accessToken);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown);
        Assert.Equal("invalid_request", unknownBody.GetProperty("error").GetString());
        Assert.Equal("Invalid Credentials", unknownBody.GetProperty("error_description").GetString());
        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal(HttpStatusCode.Unauthorized, expired);
    }
}
