using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Pace.Audit;
using Pace.Data;
using Pace.Identity;

namespace Pace.Local;

/// <summary>
/// <c>./pace token create --user EMAIL [--name NAME] [--scopes a,b] [--days N]</c>: a personal API token for an
/// existing active user, printed once on stdout (the operator's way to make the first one), in the local Pace DB or
/// the one <c>ConnectionStrings__Pace</c> names. <c>run</c>'s key-encryption key for pace-web also lives here.
/// </summary>
internal static class TokenCommand
{
    private const string Usage = "usage: ./pace token create --user EMAIL [--name NAME] [--scopes a,b] [--days N]";

    public static async Task<int> ExecuteAsync(Func<Workspace> workspace, IReadOnlyList<string> arguments, ILogger logger)
    {
        var (email, name, scopes, days) = Parse(arguments);
        using var signals = new ShutdownSignals();
        try
        {
            var configured = Environment.GetEnvironmentVariable("ConnectionStrings__Pace");
            if (!string.IsNullOrWhiteSpace(configured))
            {
                if (!DataServiceCollectionExtensions.IsValidConnectionString(configured))
                {
                    throw new LauncherException("ConnectionStrings__Pace is not a valid PostgreSQL connection string (Host=…;Database=…;Username=…;Password=…)");
                }

                return await CreateAsync(configured, email, name, scopes, days, signals.Token);
            }

            var postgres = LocalPostgres.ForRun(workspace(), logger);
            return await postgres.UseAsync(
                cancellationToken => CreateAsync(postgres.ConnectionString(PaceDatabase.Pace.DefaultDatabaseName()), email, name, scopes, days, cancellationToken),
                signals.Token);
        }
        catch (OperationCanceledException) when (signals.Received)
        {
            return signals.ExitCode;
        }
    }

    private static async Task<int> CreateAsync(string connectionString, string email, string name, string[] scopes, int? days, CancellationToken cancellationToken)
    {
        await using var db = new PaceDbContext(new DbContextOptionsBuilder<PaceDbContext>().UseNpgsql(connectionString).Options);
        var normalized = email.Trim().ToLowerInvariant();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken)
            ?? throw new LauncherException($"no user with the email {normalized}: create the user first");
        if (!user.IsActive)
        {
            throw new LauncherException($"{normalized} is deactivated: a token for them would not authenticate");
        }

        var now = DateTimeOffset.UtcNow;
        var (entity, token, errors) = PersonalTokenFactory.Create(user.Id, name, days, scopes, now);
        if (entity is null || token is null)
        {
            var (field, messages) = errors.First();
            throw new LauncherException($"{Option(field)}: {messages[0]}");
        }

        db.PersonalTokens.Add(entity);
        // This context has no interceptors (no request, no actor): the audit row is written here.
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = now,
            ActorClient = "pace-cli",
            Action = "personal_token.created",
            EntityType = "personal_token",
            EntityId = entity.Id,
            Data = JsonSerializer.Serialize(new { user_id = user.Id, token_name = entity.Name, scopes = entity.Scopes, expires_at = entity.ExpiresAt }),
        });
        await db.SaveChangesAsync(cancellationToken);

        ConsoleSink.Error($"pace: personal token '{entity.Name}' for {user.Email}, expires {entity.ExpiresAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; it is shown only now:");
        ConsoleSink.Line(token);
        return 0;
    }

    private static (string Email, string Name, string[] Scopes, int? Days) Parse(IReadOnlyList<string> arguments)
    {
        string? email = null;
        var name = "cli";
        string[] scopes = [];
        int? days = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            var value = i + 1 < arguments.Count ? arguments[i + 1] : throw new LauncherException($"{arguments[i]} needs a value ({Usage})");
            switch (arguments[i])
            {
                case "--user":
                    email = value;
                    break;
                case "--name":
                    name = value;
                    break;
                case "--scopes":
                    scopes = TokenScopes.Parse(value);
                    break;
                case "--days":
                    days = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                        ? n
                        : throw new LauncherException($"--days '{value}' is not a number of days");
                    break;
                default:
                    throw new LauncherException($"unknown option '{arguments[i]}' ({Usage})");
            }

            i++;
        }

        return (email ?? throw new LauncherException($"--user is required ({Usage})"), name, scopes, days);
    }

    private static string Option(string field) => field switch
    {
        "expiresInDays" => "--days",
        "scopes" => "--scopes",
        _ => "--name",
    };
}
