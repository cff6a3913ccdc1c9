using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pace.Testing;

namespace Pace.Sandbox.Tests.Google;

public sealed class KeyRotationTests
{
    [Fact]
    public async Task A_token_signed_before_one_rotation_still_validates_and_not_after_two()
    {
        await using var google = GoogleTwin.Start();
        var idToken = (await google.SignInAsync("agent@allsop.example")).GetProperty("id_token").GetString()!;
        var signedWith = new JsonWebToken(idToken).Kid;

        var before = await google.ValidateIdTokenAsync(idToken);
        var (firstStatus, first) = await RotateAsync(google);
        var afterOne = await google.ValidateIdTokenAsync(idToken);
        var (_, second) = await RotateAsync(google);
        var afterTwo = await google.ValidateIdTokenAsync(idToken);

        Assert.True(before.IsValid, before.Exception?.Message);
        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.Equal(signedWith, first.GetProperty("previousKeyId").GetString());
        Assert.True(afterOne.IsValid, afterOne.Exception?.Message);
        Assert.NotEqual(signedWith, second.GetProperty("previousKeyId").GetString());
        Assert.False(afterTwo.IsValid);
        Assert.IsType<SecurityTokenSignatureKeyNotFoundException>(afterTwo.Exception);
    }

    [Fact]
    public async Task New_tokens_are_signed_with_the_key_that_became_current()
    {
        await using var google = GoogleTwin.Start();

        var (_, rotated) = await RotateAsync(google);
        var idToken = (await google.SignInAsync("agent@allsop.example")).GetProperty("id_token").GetString()!;

        Assert.Equal(rotated.GetProperty("currentKeyId").GetString(), new JsonWebToken(idToken).Kid);
        Assert.True((await google.ValidateIdTokenAsync(idToken)).IsValid);
    }

    [Fact]
    public async Task Keys_rotate_on_the_configured_interval_of_the_clock()
    {
        await using var google = GoogleTwin.Start(new() { ["Sandbox:Google:KeyRotationInterval"] = "02:00:00" });
        var initial = await KeyIdsAsync(google);

        google.Clock.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        var justBefore = await KeyIdsAsync(google);
        google.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterOne = await KeyIdsAsync(google);
        google.Clock.Advance(TimeSpan.FromHours(4));
        var afterThree = await KeyIdsAsync(google);

        Assert.Equal(initial, justBefore);
        Assert.Equal(initial[0], afterOne[1]);
        Assert.DoesNotContain(afterOne[0], initial);
        Assert.Empty(afterThree.Intersect(afterOne));
    }

    private static async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> RotateAsync(GoogleTwin google)
    {
        using var response = await google.Http.PostAsync(GoogleTwin.Relative("/google/_sandbox/rotate-keys"), null);
        return (response.StatusCode, await GoogleTwin.JsonAsync(response));
    }

    /// <summary>The published key ids, current first.</summary>
    private static async Task<string[]> KeyIdsAsync(GoogleTwin google)
    {
        var (_, jwks) = await HttpAssert.GetJsonAsync(google.Http, "/google/oauth2/v3/certs");
        return jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).ToArray();
    }
}
