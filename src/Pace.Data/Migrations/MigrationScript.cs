using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Pace.Data.Migrations;

/// <summary>
/// One versioned SQL script under <c>Migrations/&lt;database&gt;/NNNN_name.sql</c>, embedded in this assembly.
/// A script whose first line is <c>-- pace:no-transaction</c> runs outside a transaction (for
/// <c>CREATE INDEX CONCURRENTLY</c>).
/// </summary>
public sealed record MigrationScript(string Version, string Name, string Sql, string Checksum)
{
    private const string NoTransactionMarker = "-- pace:no-transaction";

    public bool RunsInTransaction => !Sql.StartsWith(NoTransactionMarker, StringComparison.Ordinal);

    public string Id => $"{Version}_{Name}";

    /// <summary>The scripts of <paramref name="database"/> in the order they apply.</summary>
    public static IReadOnlyList<MigrationScript> For(PaceDatabase database)
    {
        var folder = database switch
        {
            PaceDatabase.Pace => "Pace",
            PaceDatabase.PaceAi => "PaceAi",
            _ => throw new ArgumentOutOfRangeException(nameof(database)),
        };
        var prefix = $"Pace.Data.Migrations.{folder}/";
        var assembly = typeof(MigrationScript).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[prefix.Length..^4]))
            .OrderBy(s => s.Version, StringComparer.Ordinal)
            .ToList();

        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two {folder} migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(s => s.Id))}.");
        }

        return scripts;
    }

    private static MigrationScript Load(Assembly assembly, string resource, string fileName)
    {
        var separator = fileName.IndexOf('_', StringComparison.Ordinal);
        if (separator != 4 || !fileName[..4].All(char.IsAsciiDigit))
        {
            throw new InvalidOperationException($"Migration '{fileName}.sql' must be named NNNN_name.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing embedded migration {resource}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
        return new MigrationScript(fileName[..4], fileName[5..], sql, checksum);
    }
}
