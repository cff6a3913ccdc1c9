using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Pace.Testing;
using Pace.Web.Identity.SignIn;

namespace Pace.Web.Tests.SignIn;

/// <summary>The ID-token checks, with tokens forged the ways an attacker would (no provider needed).</summary>
public sealed class GoogleIdTokenValidatorTests : IDisposable
{
    private const string Issuer = "https://accounts.google.com";
    private const string ClientId = "pace-web.apps.googleusercontent.com";
    private const string Nonce = "n-0S6_WzA2Mj";

    private readonly RSA _googleRsa = RSA.Create(2048);
    private readonly RSA _otherRsa = RSA.Create(2048);
    private readonly RsaSecurityKey _googleKey;
    private readonly TestClock _clock = new();
    private readonly GoogleIdTokenValidator _validator;

    public GoogleIdTokenValidatorTests()
    {
        _googleKey = new RsaSecurityKey(_googleRsa) { KeyId = "google-1" };
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        configuration.SigningKeys.Add(_googleKey);
        var options = new GoogleSignInOptions
        {
            Authority = Issuer,
            ValidIssuers = [Issuer, "accounts.google.com"],
            ClientId = ClientId,
            ClientSecret = "secret",
            WorkspaceDomains = ["allsop.example"],
        };
        _validator = new GoogleIdTokenValidator(options, new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration), _clock);
    }

    [Fact]
    public async Task A_genuine_token_yields_the_identity()
    {
        var identity = await _validator.ValidateAsync(Token(), Nonce, CancellationToken.None);

        Assert.Equal("agent@allsop.example", identity.Email);
        Assert.Equal("109876543210987654321", identity.Subject);
        Assert.Equal("allsop.example", identity.HostedDomain);
    }

    [Fact]
    public async Task The_short_issuer_form_google_uses_is_accepted()
    {
        var identity = await _validator.ValidateAsync(Token(c => c["iss"] = "accounts.google.com"), Nonce, CancellationToken.None);

        Assert.Equal("agent@allsop.example", identity.Email);
    }

    [Fact]
    public Task An_unsigned_alg_none_token_is_refused()
    {
        var header = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(Claims())));
        return AssertRefusedAsync($"{header}.{payload}.", SignInRefusal.InvalidToken);
    }

    [Fact]
    public Task A_token_signed_by_another_key_with_googles_key_id_is_refused() =>
        AssertRefusedAsync(Token(key: new RsaSecurityKey(_otherRsa) { KeyId = "google-1" }), SignInRefusal.InvalidToken);

    [Fact]
    public Task An_hmac_token_is_refused()
    {
        var hmac = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "google-1" };
        return AssertRefusedAsync(Token(credentials: new SigningCredentials(hmac, SecurityAlgorithms.HmacSha256)), SignInRefusal.InvalidToken);
    }

    [Fact]
    public Task A_tampered_payload_is_refused()
    {
        var parts = Token().Split('.');
        var claims = Claims();
        claims["email"] = "admin@allsop.example";
        parts[1] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(claims)));
        return AssertRefusedAsync(string.Join('.', parts), SignInRefusal.InvalidToken);
    }

    [Fact]
    public Task A_token_for_another_client_is_refused() =>
        AssertRefusedAsync(Token(c => c["aud"] = "someone-else.apps.googleusercontent.com"), SignInRefusal.InvalidToken);

    [Fact]
    public Task A_token_from_another_issuer_is_refused() =>
        AssertRefusedAsync(Token(c => c["iss"] = "https://evil.example"), SignInRefusal.InvalidToken);

    [Fact]
    public Task An_expired_token_is_refused()
    {
        var token = Token();
        _clock.Advance(TimeSpan.FromHours(2));
        return AssertRefusedAsync(token, SignInRefusal.ExpiredToken);
    }

    [Fact]
    public Task A_token_with_another_sign_ins_nonce_is_refused() =>
        AssertRefusedAsync(Token(c => c["nonce"] = "replayed-from-elsewhere"), SignInRefusal.NonceMismatch);

    [Fact]
    public Task A_token_without_a_nonce_is_refused() =>
        AssertRefusedAsync(Token(c => c.Remove("nonce")), SignInRefusal.NonceMismatch);

    [Fact]
    public Task An_unverified_address_is_refused() =>
        AssertRefusedAsync(Token(c => c["email_verified"] = false), SignInRefusal.EmailNotVerified);

    [Fact]
    public Task A_consumer_account_without_hd_is_refused() =>
        AssertRefusedAsync(Token(c => c.Remove("hd")), SignInRefusal.WrongDomain);

    [Fact]
    public Task Another_workspaces_hd_is_refused() =>
        AssertRefusedAsync(Token(c => { c["hd"] = "rival.example"; c["email"] = "agent@rival.example"; }), SignInRefusal.WrongDomain);

    [Fact]
    public Task A_missing_id_token_is_refused() => AssertRefusedAsync(null, SignInRefusal.InvalidToken);

    private async Task AssertRefusedAsync(string? token, SignInRefusal expected)
    {
        var refused = await Assert.ThrowsAsync<SignInRefusedException>(() => _validator.ValidateAsync(token, Nonce, CancellationToken.None));
        Assert.Equal(expected.Code, refused.Refusal.Code);
    }

    private Dictionary<string, object> Claims()
    {
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["iss"] = Issuer,
            ["aud"] = ClientId,
            ["azp"] = ClientId,
            ["sub"] = "109876543210987654321",
            ["email"] = "agent@allsop.example",
            ["email_verified"] = true,
            ["hd"] = "allsop.example",
            ["name"] = "Priya Nair",
            ["nonce"] = Nonce,
            ["iat"] = now,
            ["exp"] = now + 3600,
        };
    }

    private string Token(Action<Dictionary<string, object>>? change = null, SecurityKey? key = null, SigningCredentials? credentials = null)
    {
        var claims = Claims();
        change?.Invoke(claims);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = credentials ?? new SigningCredentials(key ?? _googleKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose()
    {
        _googleRsa.Dispose();
        _otherRsa.Dispose();
    }
}
