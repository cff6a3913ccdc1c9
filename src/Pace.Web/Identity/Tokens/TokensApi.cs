using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pace.Data;
using Pace.Identity;
using Pace.Web.Audit;

namespace Pace.Web.Identity.Tokens;

public sealed record CreatePersonalTokenRequest(string? Name, int? ExpiresInDays, string[]? Scopes);

/// <summary>A personal token as listed: metadata only, never the token or its hash.</summary>
public sealed record PersonalTokenInfo(
    Guid Id, string Name, string Prefix, string[] Scopes, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>A personal token just created: the only time its value is shown.</summary>
public sealed record CreatedPersonalToken(
    Guid Id, string Name, string Prefix, string[] Scopes, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string Token);

public sealed record CreateMachineClientRequest(string? ClientId, string? Name, string[]? Scopes);

public sealed record MachineClientInfo(
    Guid Id, string ClientId, string Name, string[] Scopes, bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>A client secret just made (creation or rotation): the only time it is shown.</summary>
public sealed record MachineClientSecret(Guid Id, string ClientId, string Name, string[] Scopes, string ClientSecret);

/// <summary>Personal API tokens of the signed-in person, and machine clients for admins.</summary>
public static partial class TokensApi
{
    public static RouteGroupBuilder MapPersonalTokensApi(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(PacePolicies.Staff);
        group.MapPost("/", CreatePersonalTokenAsync).WithName("CreatePersonalToken");
        group.MapGet("/", ListPersonalTokensAsync).WithName("ListPersonalTokens");
        group.MapDelete("/{id:guid}", RevokePersonalTokenAsync).WithName("RevokePersonalToken");
        return group;
    }

    public static RouteGroupBuilder MapMachineClientsApi(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(PacePolicies.Admin);
        group.MapPost("/", CreateMachineClientAsync).WithName("CreateMachineClient");
        group.MapGet("/", ListMachineClientsAsync).WithName("ListMachineClients");
        group.MapPost("/{id:guid}/rotate-secret", RotateSecretAsync).WithName("RotateMachineClientSecret");
        group.MapDelete("/{id:guid}", DeactivateMachineClientAsync).WithName("DeactivateMachineClient");
        return group;
    }

    internal static async Task<Results<Created<CreatedPersonalToken>, ValidationProblem, ProblemHttpResult>> CreatePersonalTokenAsync(
        CreatePersonalTokenRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        if (actor.ClientId is not null || actor.UserId is not { } userId)
        {
            // A machine acting for a person must not mint the person a long-lived credential.
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Personal tokens are created by the person, not by a machine client.");
        }

        var (entity, token, errors) = PersonalTokenFactory.Create(userId, request.Name, request.ExpiresInDays, request.Scopes, clock.GetUtcNow());
        if (entity is null || token is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        db.PersonalTokens.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created(
            $"/api/v1/me/tokens/{entity.Id}",
            new CreatedPersonalToken(entity.Id, entity.Name, entity.Prefix, entity.Scopes, entity.CreatedAt, entity.ExpiresAt, token));
    }

    internal static async Task<Ok<List<PersonalTokenInfo>>> ListPersonalTokensAsync(HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var userId = context.User.ToActor().UserId;
        var tokens = await db.PersonalTokens.AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new PersonalTokenInfo(t.Id, t.Name, t.Prefix, t.Scopes, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(tokens);
    }

    internal static async Task<Results<NoContent, NotFound>> RevokePersonalTokenAsync(
        Guid id, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = context.User.ToActor().UserId;
        var token = await db.PersonalTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return TypedResults.NotFound();
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow();
            db.Record(context, clock, "personal_token.revoked", "personal_token", token.Id, new { token_name = token.Name, prefix = token.Prefix });
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    internal static async Task<Results<Created<MachineClientSecret>, ValidationProblem>> CreateMachineClientAsync(
        CreateMachineClientRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var clientId = request.ClientId?.Trim() ?? "";
        var name = request.Name?.Trim() ?? "";
        var scopes = (request.Scopes ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (!ClientIdPattern().IsMatch(clientId))
        {
            errors["clientId"] = ["2 to 100 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit."];
        }
        else if (await db.MachineClients.AnyAsync(c => c.ClientId == clientId, cancellationToken))
        {
            errors["clientId"] = [$"A client '{clientId}' already exists."];
        }

        if (name.Length is 0 or > 200)
        {
            errors["name"] = ["A name of 1 to 200 characters is required."];
        }

        if (scopes.Length == 0)
        {
            errors["scopes"] = ["At least one scope is required."];
        }
        else if (TokenScopes.FirstUnknown(scopes) is { } unknown)
        {
            errors["scopes"] = [$"Unknown scope '{unknown}'. Known: {string.Join(", ", TokenScopes.Known.Order(StringComparer.Ordinal))}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var secret = TokenSecrets.NewSecret();
        var client = new MachineClient
        {
            ClientId = clientId,
            Name = name,
            SecretHash = TokenSecrets.Hash(secret),
            Scopes = scopes,
            CreatedById = context.User.ToActor().UserId,
        };
        db.MachineClients.Add(client);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["clientId"] = [$"A client '{clientId}' already exists."] });
        }

        return TypedResults.Created($"/api/v1/admin/machine-clients/{client.Id}", new MachineClientSecret(client.Id, client.ClientId, client.Name, client.Scopes, secret));
    }

    internal static async Task<Ok<List<MachineClientInfo>>> ListMachineClientsAsync(PaceDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.MachineClients.AsNoTracking()
            .OrderBy(c => c.ClientId)
            .Select(c => new MachineClientInfo(c.Id, c.ClientId, c.Name, c.Scopes, c.IsActive, c.CreatedAt, c.LastUsedAt))
            .ToListAsync(cancellationToken));

    internal static async Task<Results<Ok<MachineClientSecret>, NotFound>> RotateSecretAsync(
        Guid id, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var client = await db.MachineClients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return TypedResults.NotFound();
        }

        var secret = TokenSecrets.NewSecret();
        client.SecretHash = TokenSecrets.Hash(secret);
        // The interceptor never copies hashes, so the change would leave no trace without this row.
        db.Record(context, clock, "machine_client.secret_rotated", "machine_client", client.Id, new { client_id = client.ClientId });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new MachineClientSecret(client.Id, client.ClientId, client.Name, client.Scopes, secret));
    }

    internal static async Task<Results<NoContent, NotFound>> DeactivateMachineClientAsync(Guid id, PaceDbContext db, CancellationToken cancellationToken)
    {
        var client = await db.MachineClients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null)
        {
            return TypedResults.NotFound();
        }

        client.IsActive = false;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClientIdPattern();
}
