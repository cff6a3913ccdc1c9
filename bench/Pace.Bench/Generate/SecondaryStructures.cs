using Microsoft.Extensions.Logging;
using Npgsql;

namespace Pace.Bench.Generate;

/// <summary>One constraint or index of the migrated schema, as the catalog defines it.</summary>
/// <param name="Table">The table, quoted as <c>regclass</c> prints it.</param>
/// <param name="Name">The constraint or index name, quoted.</param>
/// <param name="Kind"><c>p</c> primary key, <c>u</c> unique, <c>f</c> foreign key, <c>i</c> an index of its own.</param>
/// <param name="Definition">The constraint definition (<c>pg_get_constraintdef</c>) or the whole <c>CREATE INDEX</c> (<c>pg_get_indexdef</c>).</param>
public sealed record SecondaryStructure(string Table, string Name, char Kind, string Definition)
{
    public string DropSql => Kind == 'i' ? $"DROP INDEX {Name}" : $"ALTER TABLE {Table} DROP CONSTRAINT {Name}";

    public string CreateSql => Kind == 'i' ? Definition : $"ALTER TABLE {Table} ADD CONSTRAINT {Name} {Definition}";
}

/// <summary>
/// Bulk loading without the indexes: the migrations create the schema with its keys, foreign keys and indexes; for a
/// load of millions of rows they are taken off (their definitions saved from the catalog), the rows copied, and each is
/// built once at the end with a sort instead of maintained row by row. What is recreated is exactly what the migrations
/// made, so the loaded database has the schema of any other.
/// </summary>
public static partial class SecondaryStructures
{
    // Keys and uniques (on which foreign keys depend), foreign keys, and the indexes that back no constraint.
    private const string CatalogSql = """
        SELECT c.conrelid::regclass::text, quote_ident(c.conname), c.contype::text, pg_get_constraintdef(c.oid)
        FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND c.contype IN ('p', 'u', 'f') AND t.relname <> 'schema_migrations'
        UNION ALL
        SELECT i.indrelid::regclass::text, i.indexrelid::regclass::text, 'i', pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        JOIN pg_class t ON t.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = 'public' AND t.relname <> 'schema_migrations'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))
        """;

    /// <summary>Every key, unique constraint, foreign key and index of the public schema (but the migration history's).</summary>
    public static async Task<IReadOnlyList<SecondaryStructure>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(CatalogSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var structures = new List<SecondaryStructure>();
        while (await reader.ReadAsync(cancellationToken))
        {
            structures.Add(new SecondaryStructure(reader.GetString(0), reader.GetString(1), reader.GetString(2)[0], reader.GetString(3)));
        }

        return structures;
    }

    /// <summary>Drops them all (foreign keys first, they depend on the keys) and returns what was dropped.</summary>
    public static async Task<IReadOnlyList<SecondaryStructure>> DropAsync(NpgsqlConnection connection, ILogger logger, CancellationToken cancellationToken)
    {
        var structures = await ReadAsync(connection, cancellationToken);
        foreach (var structure in structures.OrderBy(s => s.Kind == 'f' ? 0 : s.Kind == 'i' ? 1 : 2))
        {
            await ExecuteAsync(connection, structure.DropSql, cancellationToken);
        }

        var keys = structures.Count(s => s.Kind is 'p' or 'u');
        var foreignKeys = structures.Count(s => s.Kind == 'f');
        LogDropped(logger, keys, foreignKeys, structures.Count - keys - foreignKeys);
        return structures;
    }

    /// <summary>Builds them again from their definitions: keys and uniques, then indexes, then foreign keys (validated once each).</summary>
    public static async Task RestoreAsync(NpgsqlConnection connection, IReadOnlyList<SecondaryStructure> structures, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(structures);
        // Index builds sort: give them memory and the parallel workers the machine has.
        await ExecuteAsync(connection, "SET maintenance_work_mem = '1GB'", cancellationToken);
        await ExecuteAsync(connection, "SET max_parallel_maintenance_workers = 2", cancellationToken);
        var ordered = structures.OrderBy(s => s.Kind is 'p' or 'u' ? 0 : s.Kind == 'i' ? 1 : 2).ToList();
        var done = 0;
        foreach (var structure in ordered)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await ExecuteAsync(connection, structure.CreateSql, cancellationToken);
            done++;
            var elapsedMs = (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogRestored(logger, done, ordered.Count, structure.Name, structure.Table, elapsedMs);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped {Keys} keys and unique constraints, {ForeignKeys} foreign keys and {Indexes} indexes for the load")]
    private static partial void LogDropped(ILogger logger, int keys, int foreignKeys, int indexes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built {Done}/{Total} {Name} on {Table} ({ElapsedMs} ms)")]
    private static partial void LogRestored(ILogger logger, int done, int total, string name, string table, long elapsedMs);
}
