using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pace.Audit;
using Pace.Data;
using Pace.Data.Seed;
using Pace.Identity;

namespace Pace.Bench.Run;

/// <summary>A listing search as an agent types it: purpose, type, a community, a bedroom range and a top price.</summary>
public sealed record SearchFilter(string Purpose, string Type, Guid CommunityId, int BedsMin, int BedsMax, long PriceMax)
{
    public string Query => $"purpose={Purpose}&type={Uri.EscapeDataString(Type)}&locationId={CommunityId}&bedsMin={BedsMin}&bedsMax={BedsMax}&priceMax={PriceMax}&limit=20";
}

/// <summary>
/// Who the load acts as and on what: personal tokens of the fixed agent, manager and admin of the dataset, and
/// samples drawn from the database in a fixed order (the same on every run over the same data).
/// </summary>
public sealed record BenchFixtures(
    string AgentToken, string ManagerToken, string AdminToken, Guid AgentId, Guid TeamId,
    IReadOnlyList<string> Phones, IReadOnlyList<Guid> Applicants, IReadOnlyList<Guid> LiveListings, IReadOnlyList<SearchFilter> Searches)
{
    private const int Samples = 200;

    public static async Task<BenchFixtures> LoadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var (agentId, teamId) = await SingleAsync(connection, "SELECT id, team_id FROM users WHERE email = @p", DemoAccounts.Agent,
            r => (r.GetGuid(0), r.GetGuid(1)), cancellationToken);
        var phones = await ListAsync(connection, """
            SELECT p.number FROM applicant_phones p JOIN applicants a ON a.id = p.applicant_id
            WHERE a.assigned_agent_id = @p AND a.merged_into_id IS NULL AND p.is_primary ORDER BY p.id LIMIT 200
            """, agentId, r => r.GetString(0), cancellationToken);
        var applicants = await ListAsync(connection, """
            SELECT id FROM applicants WHERE assigned_agent_id = @p AND merged_into_id IS NULL ORDER BY id LIMIT 200
            """, agentId, r => r.GetGuid(0), cancellationToken);
        var listings = await ListAsync(connection, "SELECT id FROM listings WHERE status = 'live' ORDER BY id LIMIT @p", Samples, r => r.GetGuid(0), cancellationToken);
        var searches = await ListAsync(connection, """
            SELECT l.purpose, l.property_type, c.id, l.bedrooms, l.price_minor
            FROM listings l
            JOIN locations b ON b.id = l.location_id
            JOIN locations c ON c.level = 'community' AND (b.path = c.path OR b.path LIKE c.path || '/%')
            WHERE l.status = 'live' AND l.bedrooms IS NOT NULL
            ORDER BY l.id LIMIT @p
            """, Samples, r => new SearchFilter(r.GetString(0), r.GetString(1), r.GetGuid(2), Math.Max(0, r.GetInt32(3) - 1), r.GetInt32(3) + 1,
                r.GetInt64(4) / 10_000_000 * 15_000_000 + 10_000_000), cancellationToken);
        if (phones.Count == 0 || applicants.Count == 0 || listings.Count == 0 || searches.Count == 0)
        {
            throw new BenchException("the benchmark database has no applicants or live listings for the fixed agent: run ./pace bench generate first");
        }

        var options = new DbContextOptionsBuilder<PaceDbContext>().UseNpgsql(connectionString).Options;
        await using var db = new PaceDbContext(options);
        return new BenchFixtures(
            await IssueTokenAsync(db, DemoAccounts.Agent, cancellationToken),
            await IssueTokenAsync(db, DemoAccounts.Manager, cancellationToken),
            await IssueTokenAsync(db, DemoAccounts.Admin, cancellationToken),
            agentId, teamId, phones, applicants, listings, searches);
    }

    /// <summary>A personal token for a fixed account, valid a day, audited like one made with <c>./pace token create</c>.</summary>
    private static async Task<string> IssueTokenAsync(PaceDbContext db, string email, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, cancellationToken)
            ?? throw new BenchException($"no user {email} in the benchmark database: run ./pace bench generate first");
        var now = DateTimeOffset.UtcNow;
        var (entity, token, _) = PersonalTokenFactory.Create(user.Id, "bench", 1, [], now);
        db.PersonalTokens.Add(entity!);
        db.AuditLog.Add(new AuditEntry
        {
            OccurredAt = now,
            ActorClient = "pace-bench",
            Action = "personal_token.created",
            EntityType = "personal_token",
            EntityId = entity!.Id,
            Data = JsonSerializer.Serialize(new { user_id = user.Id, token_name = entity.Name }),
        });
        await db.SaveChangesAsync(cancellationToken);
        return token!;
    }

    private static async Task<T> SingleAsync<T>(NpgsqlConnection connection, string sql, object parameter, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = await ListAsync(connection, sql, parameter, read, cancellationToken);
        return rows.Count == 1 ? rows[0] : throw new BenchException($"the benchmark database lacks {parameter}: run ./pace bench generate first");
    }

    private static async Task<List<T>> ListAsync<T>(NpgsqlConnection connection, string sql, object parameter, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}

/// <summary>A failure of the benchmark the person can act on (no dataset, a service that did not start).</summary>
public sealed class BenchException : Exception
{
    public BenchException()
    {
    }

    public BenchException(string message)
        : base(message)
    {
    }

    public BenchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
