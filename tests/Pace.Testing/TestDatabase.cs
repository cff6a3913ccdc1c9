using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pace.Data;

namespace Pace.Testing;

/// <summary>
/// A fresh database of the test cluster that <c>./pace test</c> runs, cloned from the migrated template of
/// <see cref="PaceDatabase"/> (fast: a file copy) or empty, and dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>Admin connection string to the test cluster, exported by <c>./pace test</c>.</summary>
    public const string AdminVariable = "PACE_TEST_POSTGRES";

    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(AdminVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{AdminVariable} is not set: run the tests with ./pace test, which starts the test PostgreSQL cluster and migrated templates.");

    public static string TemplateName(PaceDatabase database) => database.DefaultDatabaseName() + "_template";

    /// <summary>A database holding the current migrations of <paramref name="database"/> and no rows.</summary>
    public static Task<TestDatabase> CreateMigratedAsync(PaceDatabase database, CancellationToken cancellationToken = default) =>
        CreateAsync(database.DefaultDatabaseName(), TemplateName(database), cancellationToken);

    /// <summary>An empty database (template0).</summary>
    public static Task<TestDatabase> CreateEmptyAsync(string prefix, CancellationToken cancellationToken = default) =>
        CreateAsync(prefix, "template0", cancellationToken);

    private static async Task<TestDatabase> CreateAsync(string prefix, string template, CancellationToken cancellationToken)
    {
        var name = $"test_{prefix}_{Guid.NewGuid():N}"[..40];
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            // Two CREATE DATABASE from one template at the same moment can collide (55006): retry briefly.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", admin);
                    await create.ExecuteNonQueryAsync(cancellationToken);
                    break;
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
                {
                    await Task.Delay(100 * attempt, cancellationToken);
                }
            }
        }

        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name };
        return new TestDatabase(name, builder.ConnectionString);
    }

    public PaceDbContext CreatePaceDbContext() =>
        new(new DbContextOptionsBuilder<PaceDbContext>().UseNpgsql(ConnectionString).Options);

    public PaceAiDbContext CreatePaceAiDbContext() =>
        new(new DbContextOptionsBuilder<PaceAiDbContext>().UseNpgsql(ConnectionString).Options);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
