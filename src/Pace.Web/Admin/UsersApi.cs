using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Pace.Common;
using Pace.Data;
using Pace.Identity;
using Pace.Web.Audit;
using Pace.Web.Common;
using Pace.Web.Identity;
using Pace.Web.Identity.SignIn;

namespace Pace.Web.Admin;

/// <summary>
/// Staff accounts: who may sign in, with which role and team. Field changes are audited by the interceptor;
/// deactivation and reactivation also leave an explicit entry, since they end sessions the interceptor never sees.
/// </summary>
public static class UsersApi
{
    public const int MaxLimit = 200;

    private static readonly string RoleError =
        $"role must be one of: {string.Join(", ", Enum.GetValues<UserRole>().Select(IdentityModule.RoleName))}.";

    /// <summary>A user as answered, with the row's version for the ETag; the role is named in the final projection.</summary>
    private static readonly Expression<Func<User, Row>> Rows = u => new Row(
        new UserInfo(
            u.Id, u.Email, u.DisplayName, IdentityModule.RoleName(u.Role), u.TeamId, u.Team != null ? u.Team.Name : null, u.Phone,
            u.BrokerRegistrationNumber, u.BrokerRegistrationExpiresOn, u.IsActive, u.DeactivatedAt, u.LastSignInAt, u.CreatedAt, u.UpdatedAt),
        u.Version);

    public static RouteGroupBuilder MapUsersApi(this RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync).WithName("ListUsers");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetUser").ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateUser").ProducesProblems(StatusCodes.Status409Conflict);
        group.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateUser").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired);
        group.MapPost("/{id:guid}/deactivate", DeactivateAsync).WithName("DeactivateUser").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/reactivate", ReactivateAsync).WithName("ReactivateUser").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        return group;
    }

    internal static async Task<Results<Ok<UserPage>, ValidationProblem>> ListAsync(
        PaceDbContext db, string? role, Guid? teamId, bool? active, string? q, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        var size = limit ?? 50;
        if (size is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        UserRole? roleFilter = null;
        if (role is not null)
        {
            if (TryParseRole(role, out var parsed))
            {
                roleFilter = parsed;
            }
            else
            {
                errors["role"] = [RoleError];
            }
        }

        var prefix = q?.Trim();
        if (prefix is { Length: > 200 })
        {
            errors["q"] = ["q must be at most 200 characters."];
        }

        Cursor? after = null;
        if (cursor is not null)
        {
            after = KeysetCursor.Decode<Cursor>(cursor) is { Name: not null } decoded ? decoded : null;
            if (after is null)
            {
                errors["cursor"] = ["cursor is not one this API returned."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Users.AsNoTracking();
        if (roleFilter is { } r)
        {
            query = query.Where(u => u.Role == r);
        }

        if (teamId is not null)
        {
            query = query.Where(u => u.TeamId == teamId);
        }

        if (active is not null)
        {
            query = query.Where(u => u.IsActive == active);
        }

        if (!string.IsNullOrEmpty(prefix))
        {
            var pattern = ApiProblems.EscapeLike(prefix) + "%";
            query = query.Where(u => EF.Functions.ILike(u.DisplayName, pattern, "\\") || EF.Functions.ILike(u.Email, pattern, "\\"));
        }

        if (after is not null)
        {
            // A row comparison: the page starts right after the last (name, id) seen, whatever was added meanwhile.
            query = query.Where(u => EF.Functions.GreaterThan(ValueTuple.Create(u.DisplayName, u.Id), ValueTuple.Create(after.Name, after.Id)));
        }

        var rows = await query
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Take(size + 1)
            .Select(Rows)
            .ToListAsync(cancellationToken);
        var items = rows.Take(size).Select(r => r.Info).ToList();
        var next = rows.Count > size ? KeysetCursor.Encode(new Cursor(items[^1].DisplayName, items[^1].Id)) : null;
        return TypedResults.Ok(new UserPage(items, next));
    }

    internal static async Task<Results<Ok<UserInfo>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var found = await FindAsync(db, id, cancellationToken);
        if (found is null)
        {
            return ApiProblems.NotFound("user", id);
        }

        EntityTags.Set(context.Response, found.Value.Version);
        return TypedResults.Ok(found.Value.Info);
    }

    internal static async Task<Results<Created<UserInfo>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, HttpContext context, PaceDbContext db, IOptions<GoogleSignInOptions> google, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        var email = ValidateEmail(request.Email, google.Value.WorkspaceDomains, errors);
        var displayName = ValidateDisplayName(request.DisplayName, errors);
        if (!TryParseRole(request.Role, out var role))
        {
            errors["role"] = [RoleError];
        }

        var phone = ValidatePhone(request.Phone, errors);
        var brn = ValidateBrokerRegistrationNumber(request.BrokerRegistrationNumber, errors);
        if (request.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken))
        {
            errors["teamId"] = [$"There is no team {teamId}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await db.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            return DuplicateEmail(email);
        }

        var user = new User
        {
            Email = email,
            DisplayName = displayName,
            Role = role,
            TeamId = request.TeamId,
            Phone = phone,
            BrokerRegistrationNumber = brn,
            BrokerRegistrationExpiresOn = request.BrokerRegistrationExpiresOn,
        };
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return DuplicateEmail(email);
        }

        var created = (await FindAsync(db, user.Id, cancellationToken))!.Value;
        EntityTags.Set(context.Response, created.Version);
        return TypedResults.Created($"/api/v1/admin/users/{user.Id}", created.Info);
    }

    internal static async Task<Results<Ok<UserInfo>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateUserRequest request, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return ApiProblems.NotFound("user", id);
        }

        if (EntityTags.Check(context.Request, user.Version) is not EntityTags.Precondition.Met and var precondition)
        {
            return EntityTags.Result(precondition);
        }

        var errors = ApiProblems.Errors();
        if (request.DisplayName is not null)
        {
            user.DisplayName = ValidateDisplayName(request.DisplayName, errors);
        }

        if (request.Role is not null)
        {
            if (TryParseRole(request.Role, out var role))
            {
                user.Role = role;
            }
            else
            {
                errors["role"] = [RoleError];
            }
        }

        if (request.HasTeamId)
        {
            if (request.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken))
            {
                errors["teamId"] = [$"There is no team {teamId}."];
            }

            user.TeamId = request.TeamId;
        }

        if (request.HasPhone)
        {
            user.Phone = request.Phone is null ? null : ValidatePhone(request.Phone, errors);
        }

        if (request.HasBrokerRegistrationNumber)
        {
            user.BrokerRegistrationNumber = ValidateBrokerRegistrationNumber(request.BrokerRegistrationNumber, errors);
        }

        if (request.HasBrokerRegistrationExpiresOn)
        {
            user.BrokerRegistrationExpiresOn = request.BrokerRegistrationExpiresOn;
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var wasAdmin = db.Entry(user).Property(u => u.Role).OriginalValue == UserRole.Admin;
        if (wasAdmin && user.Role != UserRole.Admin && user.IsActive && await IsLastActiveAdminAsync(db, user.Id, cancellationToken))
        {
            return ApiProblems.Conflict("Last admin", "This is the last active admin: make someone else an admin first, or nobody could manage PACE.");
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EntityTags.Result(EntityTags.Precondition.Failed);
        }

        var updated = (await FindAsync(db, id, cancellationToken))!.Value;
        EntityTags.Set(context.Response, updated.Version);
        return TypedResults.Ok(updated.Info);
    }

    internal static async Task<Results<Ok<UserInfo>, ProblemHttpResult>> DeactivateAsync(
        Guid id, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return ApiProblems.NotFound("user", id);
        }

        if (user.IsActive)
        {
            if (user.Role == UserRole.Admin && await IsLastActiveAdminAsync(db, id, cancellationToken))
            {
                return ApiProblems.Conflict("Last admin", "This is the last active admin: make someone else an admin first, or nobody could manage PACE.");
            }

            if (context.User.ToActor().UserId == id)
            {
                return ApiProblems.Conflict("Own account", "You cannot deactivate your own account: another admin must, so that you cannot lock yourself out by mistake.");
            }

            var now = clock.GetUtcNow();
            user.IsActive = false;
            user.DeactivatedAt = now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return ApiProblems.Conflict("Changed meanwhile", "The user was changed while being deactivated. Try again.");
            }

            // Bulk update, so the interceptor does not see it: the explicit entry below carries the count.
            var revoked = await db.UserSessions.Where(s => s.UserId == id && s.RevokedAt == null && s.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.UpdatedAt, now), cancellationToken);
            db.Record(context, clock, "user.deactivated", "user", id, new { email = user.Email, sessions_revoked = revoked });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return await RespondAsync(db, context, id, cancellationToken);
    }

    internal static async Task<Results<Ok<UserInfo>, ProblemHttpResult>> ReactivateAsync(
        Guid id, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return ApiProblems.NotFound("user", id);
        }

        if (!user.IsActive)
        {
            user.IsActive = true;
            user.DeactivatedAt = null;
            db.Record(context, clock, "user.reactivated", "user", id, new { email = user.Email });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return ApiProblems.Conflict("Changed meanwhile", "The user was changed while being reactivated. Try again.");
            }
        }

        return await RespondAsync(db, context, id, cancellationToken);
    }

    internal static bool TryParseRole(string? value, out UserRole role)
    {
        foreach (var candidate in Enum.GetValues<UserRole>())
        {
            if (string.Equals(IdentityModule.RoleName(candidate), value?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    private static async Task<Results<Ok<UserInfo>, ProblemHttpResult>> RespondAsync(
        PaceDbContext db, HttpContext context, Guid id, CancellationToken cancellationToken)
    {
        var found = (await FindAsync(db, id, cancellationToken))!.Value;
        EntityTags.Set(context.Response, found.Version);
        return TypedResults.Ok(found.Info);
    }

    private static async Task<(UserInfo Info, uint Version)?> FindAsync(PaceDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var row = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(Rows).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.Info, row.Version);
    }

    /// <summary>
    /// Whether <paramref name="userId"/> is the only active admin. Locks the active admins' rows until the
    /// transaction ends, so two admins demoting or deactivating each other at once cannot both succeed.
    /// </summary>
    private static async Task<bool> IsLastActiveAdminAsync(PaceDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var admins = await db.Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM users WHERE role = 'admin' AND is_active ORDER BY id FOR UPDATE")
            .ToListAsync(cancellationToken);
        return admins.Count == 1 && admins[0] == userId;
    }

    private static ProblemHttpResult DuplicateEmail(string email) =>
        ApiProblems.Conflict("Duplicate email", $"A user with the email '{email}' already exists.");

    private static string ValidateEmail(string? value, IReadOnlyCollection<string> domains, Dictionary<string, string[]> errors)
    {
        var email = value?.Trim().ToLowerInvariant() ?? "";
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (email.Length is 0 or > 320 || at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1 || email.Any(char.IsWhiteSpace))
        {
            errors["email"] = ["A Workspace email address is required."];
        }
        else if (!domains.Contains(email[(at + 1)..], StringComparer.OrdinalIgnoreCase))
        {
            // Only Workspace accounts can sign in: anyone else would be a user who can never use PACE.
            errors["email"] = [$"The address must be of a Workspace domain: {string.Join(", ", domains)}."];
        }

        return email;
    }

    private static string ValidateDisplayName(string? value, Dictionary<string, string[]> errors)
    {
        var name = value?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            errors["displayName"] = ["A display name of 1 to 200 characters is required."];
        }

        return name;
    }

    private static string? ValidatePhone(string? value, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (PhoneNumber.TryParse(value, out var phone))
        {
            return phone.Value;
        }

        errors["phone"] = ["phone must be a phone number in international form, e.g. +971501234567."];
        return null;
    }

    private static string? ValidateBrokerRegistrationNumber(string? value, Dictionary<string, string[]> errors)
    {
        var brn = value?.Trim();
        if (brn is { Length: > 32 })
        {
            errors["brokerRegistrationNumber"] = ["brokerRegistrationNumber must be at most 32 characters."];
        }

        return string.IsNullOrEmpty(brn) ? null : brn;
    }


    private sealed record Row(UserInfo Info, uint Version);

    /// <summary>The position after the last user of a page: (display name, id).</summary>
    private sealed record Cursor(string Name, Guid Id);
}
