using Microsoft.Extensions.Logging;
using Npgsql;
using Pace.Data;
using Pace.Data.Migrations;
using Pace.Data.Seed;

namespace Pace.Local;

/// <summary>
/// What every command does to a database, local or not: create it when missing, migrate it, seed it, turn it into a
/// template. Connection strings are never logged (they carry passwords): only database names and hosts.
/// </summary>
internal static partial class Databases
{
    public static readonly IReadOnlyList<PaceDatabase> All = [PaceDatabase.Pace, PaceDatabase.PaceAi];

    /// <summary>
    /// Creates the database a connection string names when it does not exist (through the <c>postgres</c> database,
    /// with the same credentials). Returns whether it created it.
    /// </summary>
    public static async Task<bool> CreateIfMissingAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var name = target.Database is { Length: > 0 } database
            ? database
            : throw new LauncherException($"the connection string to {target.Host} names no database");
        try
        {
            await using var probe = new NpgsqlConnection(target.ConnectionString);
            await probe.OpenAsync(cancellationToken);
            return false;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // Missing: create it below.
        }

        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = LocalPostgres.MaintenanceDatabase, Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, $"CREATE DATABASE {Quote(name)}", cancellationToken);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            return false;
        }
    }

    /// <summary>Drops a database, a template or not, ending its sessions.</summary>
    public static async Task DropIfExistsAsync(string adminConnectionString, string database, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT datistemplate FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(cancellationToken) is not bool isTemplate)
            {
                return;
            }

            if (isTemplate)
            {
                await ExecuteAsync(connection, $"ALTER DATABASE {Quote(database)} WITH IS_TEMPLATE false", cancellationToken);
            }
        }

        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {Quote(database)} WITH (FORCE)", cancellationToken);
    }

    /// <summary>
    /// Makes a database a template that takes no connections: a stray session on a template makes every
    /// <c>CREATE DATABASE … TEMPLATE</c> fail.
    /// </summary>
    public static async Task MarkAsTemplateAsync(string adminConnectionString, string database, CancellationToken cancellationToken)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"ALTER DATABASE {Quote(database)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false", cancellationToken);
    }

    /// <summary>The databases of a cluster other than PostgreSQL's own.</summary>
    public static async Task<IReadOnlyList<string>> ListUserDatabasesAsync(string adminConnectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT datname FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1') ORDER BY datname", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>Creates the database when missing and applies the pending migrations of <paramref name="database"/>.</summary>
    public static async Task MigrateAsync(string connectionString, PaceDatabase database, ILogger logger, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var where = $"{target.Database} on {target.Host}:{target.Port}";
        try
        {
            if (await CreateIfMissingAsync(connectionString, cancellationToken))
            {
                LogCreated(logger, where);
            }

            var applied = await SchemaMigrator.MigrateAsync(connectionString, database, logger, cancellationToken);
            if (applied.Count == 0)
            {
                LogUpToDate(logger, where);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            throw new LauncherException($"migrating {where} failed: {ex.Message}", ex);
        }
    }

    /// <summary>Loads the demo brokerage when the Pace DB holds no data yet.</summary>
    public static async Task SeedAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            // The seeder says what it loaded, or that the database already holds data.
            await DemoSeeder.SeedIfEmptyAsync(connectionString, TimeProvider.System, logger, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any failure of the seeder is reported as one line; the launcher cannot act on its kind.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            throw new LauncherException($"loading the demo data failed: {ex.Message} (PACE_SKIP_SEED=1 skips it)", ex);
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "created database {Database}")]
    private static partial void LogCreated(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Database} is up to date")]
    private static partial void LogUpToDate(ILogger logger, string database);
}
