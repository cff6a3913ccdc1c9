using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Pace.Data.Migrations;

/// <summary>What a database holds compared with the scripts of this build.</summary>
public sealed record MigrationStatus(IReadOnlyList<string> Applied, IReadOnlyList<string> Pending, IReadOnlyList<string> Problems)
{
    public bool IsCurrent => Pending.Count == 0 && Problems.Count == 0;
}

/// <summary>
/// Applies the versioned SQL scripts of a database, each in its own transaction, recording them in
/// <c>schema_migrations</c> with a checksum. An advisory lock makes concurrent runs (several replicas, two
/// terminals) take turns; a script edited after it was applied is refused.
/// </summary>
public static partial class SchemaMigrator
{
    public const string HistoryTable = "schema_migrations";

    // Arbitrary constant: the advisory lock key of "pace migrate".
    private const long LockKey = 0x5041_4345_4d49_47;

    public static async Task<IReadOnlyList<string>> MigrateAsync(
        string connectionString, PaceDatabase database, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var scripts = MigrationScript.For(database);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, $"""
                CREATE TABLE IF NOT EXISTS {HistoryTable} (
                    version text PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var problems = Compare(scripts, applied);
            if (problems.Count > 0)
            {
                throw new InvalidOperationException($"The {database.DefaultDatabaseName()} database cannot be migrated: {string.Join(" ", problems)}");
            }

            var done = new List<string>();
            var databaseName = database.DefaultDatabaseName();
            foreach (var script in scripts.Where(s => !applied.ContainsKey(s.Version)))
            {
                await ApplyAsync(connection, script, cancellationToken);
                LogApplied(logger, script.Id, databaseName);
                done.Add(script.Id);
            }

            return done;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    public static async Task<MigrationStatus> GetStatusAsync(NpgsqlConnection connection, PaceDatabase database, CancellationToken cancellationToken)
    {
        var scripts = MigrationScript.For(database);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection))
        {
            exists.Parameters.AddWithValue("table", HistoryTable);
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return new MigrationStatus([], scripts.Select(s => s.Id).ToList(), []);
            }
        }

        var applied = await ReadAppliedAsync(connection, cancellationToken);
        return new MigrationStatus(
            scripts.Where(s => applied.ContainsKey(s.Version)).Select(s => s.Id).ToList(),
            scripts.Where(s => !applied.ContainsKey(s.Version)).Select(s => s.Id).ToList(),
            Compare(scripts, applied));
    }

    private static List<string> Compare(IReadOnlyList<MigrationScript> scripts, Dictionary<string, string> applied)
    {
        var problems = new List<string>();
        var known = scripts.ToDictionary(s => s.Version);
        foreach (var (version, checksum) in applied)
        {
            if (!known.TryGetValue(version, out var script))
            {
                problems.Add($"Migration {version} is applied but unknown to this build (is the build older than the database?).");
            }
            else if (script.Checksum != checksum)
            {
                problems.Add($"Migration {script.Id} was changed after it was applied; add a new migration instead.");
            }
        }

        return problems;
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        await using var transaction = script.RunsInTransaction ? await connection.BeginTransactionAsync(cancellationToken) : null;
        await using (var command = new NpgsqlCommand(script.Sql, connection, transaction))
        {
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var record = new NpgsqlCommand(
            $"INSERT INTO {HistoryTable} (version, name, checksum) VALUES (@version, @name, @checksum)", connection, transaction))
        {
            record.Parameters.AddWithValue("version", script.Version);
            record.Parameters.AddWithValue("name", script.Name);
            record.Parameters.AddWithValue("checksum", script.Checksum);
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static async Task<Dictionary<string, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand($"SELECT version, checksum FROM {HistoryTable}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetString(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Migration} to {Database}")]
    private static partial void LogApplied(ILogger logger, string migration, string database);
}
