using Npgsql;
using Pace.Data.Migrations;

namespace Pace.Data.Tests.Schema;

/// <summary>
/// Everything about a database's schema that matters to the application, as sorted lines: tables, columns (type,
/// nullability, default, identity, generation), constraints (keys, foreign keys, unique, check), indexes and extensions.
/// </summary>
internal sealed record SchemaSnapshot(IReadOnlyList<string> Lines)
{
    private const string Sql = """
        SELECT 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql'
        UNION ALL
        SELECT 'table ' || c.relname FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
        UNION ALL
        SELECT format('column %s.%s %s%s%s%s%s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                      CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END,
                      CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END,
                      CASE WHEN a.attgenerated <> '' THEN ' generated ' || pg_get_expr(d.adbin, d.adrelid)
                           WHEN d.adbin IS NOT NULL THEN ' default ' || pg_get_expr(d.adbin, d.adrelid) ELSE '' END,
                      CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN ' collate ' || a.attcollation::regcollation ELSE '' END)
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        UNION ALL
        SELECT format('constraint %s %s %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
        FROM pg_constraint c WHERE c.connamespace = 'public'::regnamespace
        UNION ALL
        SELECT format('index %s %s', i.indexname, i.indexdef) FROM pg_indexes i WHERE i.schemaname = 'public'
        """;

    public static async Task<SchemaSnapshot> ReadAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var lines = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var line = reader.GetString(0);
            // The migration history is the runner's, not the model's.
            if (!line.Contains(SchemaMigrator.HistoryTable, StringComparison.Ordinal))
            {
                lines.Add(line);
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return new SchemaSnapshot(lines);
    }

    /// <summary>Lines only in this snapshot (<c>-</c>) and only in <paramref name="other"/> (<c>+</c>).</summary>
    public IReadOnlyList<string> Diff(SchemaSnapshot other)
    {
        var mine = Lines.ToHashSet(StringComparer.Ordinal);
        var theirs = other.Lines.ToHashSet(StringComparer.Ordinal);
        return Lines.Where(l => !theirs.Contains(l)).Select(l => "- " + l)
            .Concat(other.Lines.Where(l => !mine.Contains(l)).Select(l => "+ " + l))
            .ToList();
    }
}
