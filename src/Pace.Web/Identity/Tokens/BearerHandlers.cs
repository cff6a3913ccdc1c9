using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Pace.Data;
using Pace.Identity;
using Pace.Web.Audit;

namespace Pace.Web.Identity.Tokens;

/// <summary>
/// <see cref="PaceSchemes.Jwt"/>: access tokens from <c>/oauth/token</c>, checked against the keys of the store (by
/// <c>kid</c>, no network round trip). A delegated token (with <c>act</c>) is refused once its person is deactivated.
/// </summary>
public sealed partial class AccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder,
    TokenIssuer issuer, PaceDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var result = await issuer.ValidateAsync(token, TokenIssuer.Audience, TokenIssuer.AccessTokenType, Context.RequestAborted);
        if (!result.IsValid)
        {
            var reason = result.Exception?.GetType().Name ?? "invalid";
            LogRefused(Logger, reason);
            return AuthenticateResult.Fail("The access token is not valid.");
        }

        var identity = result.ClaimsIdentity;
        if (identity.HasClaim(c => c.Type == TokenIssuer.ActClaim))
        {
            var userId = Guid.TryParse(identity.FindFirst(PaceClaims.UserId)?.Value, out var id) ? id : Guid.Empty;
            if (!await db.Users.AnyAsync(u => u.Id == userId && u.IsActive, Context.RequestAborted))
            {
                return AuthenticateResult.Fail("The person this token acts for is not an active user.");
            }
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => BearerToken.ChallengeAsync(Response);

    [LoggerMessage(Level = LogLevel.Information, Message = "access token refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}

/// <summary><see cref="PaceSchemes.PersonalToken"/>: a person's API token authenticates as the person.</summary>
public sealed class PersonalTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder,
    PersonalTokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>The claim holding the personal token's id (<c>personal_tokens.id</c>).</summary>
    public const string TokenIdClaim = "pat";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } token)
        {
            return AuthenticateResult.NoResult();
        }

        var result = await validator.ValidateAsync(token, Context, Context.RequestAborted);
        if (result is not { User: { } user, Token: { } row })
        {
            return AuthenticateResult.Fail("The personal token is not valid.");
        }

        var claims = new List<Claim>
        {
            new(PaceClaims.UserId, user.Id.ToString()),
            new(PaceClaims.Email, user.Email),
            new(PaceClaims.Name, user.DisplayName),
            new(PaceClaims.Role, IdentityModule.RoleName(user.Role)),
            new(TokenIdClaim, row.Id.ToString()),
        };
        if (user.TeamId is { } team)
        {
            claims.Add(new Claim(PaceClaims.TeamId, team.ToString()));
        }

        if (row.Scopes.Length > 0)
        {
            claims.Add(new Claim(PaceClaims.Scope, string.Join(' ', row.Scopes)));
        }

        var identity = new ClaimsIdentity(claims, Scheme.Name, PaceClaims.UserId, PaceClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => BearerToken.ChallengeAsync(Response);
}

/// <summary>
/// Finds and checks a presented personal token (the bearer scheme and the token exchange): right secret, not revoked,
/// not expired, its person active. Refusals of a real token (found by its prefix) are audited.
/// </summary>
public sealed class PersonalTokenValidator(PaceDbContext db, TimeProvider clock)
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(5);

    public sealed record Result(PersonalToken? Token, User? User);

    public async Task<Result> ValidateAsync(string token, HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!TokenSecrets.TryParsePersonalToken(token, out var prefix, out var secret))
        {
            return new Result(null, null);
        }

        var found = await db.PersonalTokens.AsNoTracking()
            .Where(t => t.Prefix == prefix)
            .Join(db.Users.AsNoTracking(), t => t.UserId, u => u.Id, (t, u) => new { Token = t, User = u })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return new Result(null, null);
        }

        var now = clock.GetUtcNow();
        var reason = !TokenSecrets.Verify(secret, found.Token.TokenHash) ? "wrong_secret"
            : found.Token.RevokedAt is not null ? "revoked"
            : found.Token.ExpiresAt <= now ? "expired"
            : !found.User.IsActive ? "user_deactivated"
            : null;
        if (reason is not null)
        {
            db.Record(context, clock, "personal_token.refused", "personal_token", found.Token.Id,
                new { reason, token_name = found.Token.Name }, actorUserId: found.User.Id);
            await db.SaveChangesAsync(cancellationToken);
            return new Result(null, null);
        }

        if (found.Token.LastUsedAt is not { } last || now - last > LastUsedResolution)
        {
            // Bulk update: bookkeeping, not a change anyone audits.
            await db.PersonalTokens.Where(t => t.Id == found.Token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        return new Result(found.Token, found.User);
    }
}

internal static class BearerToken
{
    public static string? From(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[7..].Trim();
        return token.Length == 0 ? null : token;
    }

    public static Task ChallengeAsync(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status401Unauthorized;
        response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer error=\"invalid_token\"");
        return Task.CompletedTask;
    }
}
