using Npgsql;
using Pace.Data.Seed;
using Pace.Testing;

namespace Pace.Data.Tests.Seed;

/// <summary>A migrated database seeded once with the demo data, shared by the read-only tests of a class.</summary>
public sealed class SeededDatabase : IAsyncLifetime
{
    /// <summary>10:00 in Dubai on a Wednesday: the fixed agents have viewings left today.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 12, 6, 0, 0, 123, TimeSpan.Zero);

    public TestDatabase Database { get; private set; } = null!;

    public bool Seeded { get; private set; }

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        Seeded = await DemoSeeder.SeedIfEmptyAsync(Database.ConnectionString, new TestClock(Now));
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    public Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters) =>
        SeedQueries.ScalarAsync<T>(Database.ConnectionString, sql, parameters);
}

public static class SeedQueries
{
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>An md5 of every row of <paramref name="table"/> in a fixed order (system columns like xmin are not part of a row).</summary>
    public static Task<string> TableHashAsync(string connectionString, string table, string orderBy) =>
        ScalarAsync<string>(connectionString, $"SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY {orderBy})), '') FROM {table} t");
}
