using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pace.Data;
using Pace.Data.Migrations;
using Pace.Data.Seed;

namespace Pace.Bench.Generate;

/// <summary>
/// <c>./pace bench generate</c>: the benchmark brokerage in a database of its own, created anew each time: migrated,
/// its keys and indexes taken off, loaded by the demo generator at <see cref="DemoDataSize.Benchmark"/> (binary COPY),
/// then the keys and indexes built once and the statistics gathered.
/// </summary>
public static partial class BenchDataset
{
    /// <summary>Generates <paramref name="size"/> into <paramref name="database"/> of the cluster of <paramref name="adminConnectionString"/>.</summary>
    public static async Task<BenchDatasetSummary> GenerateAsync(
        string adminConnectionString, string database, DemoDataSize size, TimeProvider clock, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(size);
        var stopwatch = Stopwatch.StartNew();
        await RecreateDatabaseAsync(adminConnectionString, database, cancellationToken);
        var connectionString = ConnectionString(adminConnectionString, database);
        await SchemaMigrator.MigrateAsync(connectionString, PaceDatabase.Pace, logger, cancellationToken);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var structures = await SecondaryStructures.DropAsync(connection, logger, cancellationToken);

        if (!await DemoSeeder.SeedIfEmptyAtSizeAsync(connectionString, clock, size, logger, cancellationToken))
        {
            throw new InvalidOperationException($"{database} was created empty but the seeder found data in it.");
        }

        var loaded = stopwatch.Elapsed;
        await SecondaryStructures.RestoreAsync(connection, structures, logger, cancellationToken);
        var indexed = stopwatch.Elapsed;
        // VACUUM as well: it sets the visibility map that index-only scans rely on, as autovacuum keeps it in production.
        await using (var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 })
        {
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        var summary = new BenchDatasetSummary(database, await CountsAsync(connection, cancellationToken), loaded, indexed - loaded, stopwatch.Elapsed);
        foreach (var (table, rows) in summary.Rows)
        {
            LogTable(logger, table, rows);
        }

        LogDone(logger, database, (long)summary.Load.TotalSeconds, (long)summary.Indexes.TotalSeconds, (long)summary.Total.TotalSeconds);
        return summary;
    }

    /// <summary>A connection string to <paramref name="database"/> with the credentials of <paramref name="adminConnectionString"/>.</summary>
    public static string ConnectionString(string adminConnectionString, string database) =>
        new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database, CommandTimeout = 0 }.ConnectionString;

    /// <summary>Rows per table, exactly (counted once after the load, never on a request path).</summary>
    public static async Task<IReadOnlyList<(string Table, long Rows)>> CountsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT relname FROM pg_stat_user_tables WHERE schemaname = 'public' AND relname <> 'schema_migrations' ORDER BY relname", connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new List<(string, long)>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection) { CommandTimeout = 0 };
            var rows = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
            if (rows > 0)
            {
                counts.Add((table, rows));
            }
        }

        return counts;
    }

    private static async Task RecreateDatabaseAsync(string adminConnectionString, string database, CancellationToken cancellationToken)
    {
        if (!database.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{database}' is not a plain database name.", nameof(database));
        }

        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync(cancellationToken);
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Table}: {Rows} rows")]
    private static partial void LogTable(ILogger logger, string table, long rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Database} generated: load {LoadSeconds} s, keys and indexes {IndexSeconds} s, total {TotalSeconds} s")]
    private static partial void LogDone(ILogger logger, string database, long loadSeconds, long indexSeconds, long totalSeconds);
}

/// <summary>What a generation made and how long each part took.</summary>
public sealed record BenchDatasetSummary(string Database, IReadOnlyList<(string Table, long Rows)> Rows, TimeSpan Load, TimeSpan Indexes, TimeSpan Total);
