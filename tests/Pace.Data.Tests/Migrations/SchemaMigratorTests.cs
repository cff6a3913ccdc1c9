using Npgsql;
using Pace.Data.Migrations;
using Pace.Testing;

namespace Pace.Data.Tests.Migrations;

public sealed class SchemaMigratorTests
{
    [Theory]
    [InlineData(PaceDatabase.Pace)]
    [InlineData(PaceDatabase.PaceAi)]
    public async Task Migrating_applies_every_script_once(PaceDatabase database)
    {
        await using var db = await TestDatabase.CreateEmptyAsync("migrate");

        var first = await SchemaMigrator.MigrateAsync(db.ConnectionString, database);
        var second = await SchemaMigrator.MigrateAsync(db.ConnectionString, database);

        Assert.Equal(MigrationScript.For(database).Select(s => s.Id), first);
        Assert.Empty(second);
        Assert.True((await StatusAsync(db, database)).IsCurrent);
    }

    [Fact]
    public async Task Concurrent_runs_take_turns_and_apply_each_script_once()
    {
        await using var db = await TestDatabase.CreateEmptyAsync("concurrent");

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SchemaMigrator.MigrateAsync(db.ConnectionString, PaceDatabase.Pace)));

        Assert.Equal(MigrationScript.For(PaceDatabase.Pace).Count, runs.Sum(r => r.Count));
        Assert.Equal(MigrationScript.For(PaceDatabase.Pace).Count, await ScalarAsync<long>(db, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task An_empty_database_reports_every_script_pending()
    {
        await using var db = await TestDatabase.CreateEmptyAsync("pending");

        var status = await StatusAsync(db, PaceDatabase.Pace);

        Assert.False(status.IsCurrent);
        Assert.Equal(MigrationScript.For(PaceDatabase.Pace).Select(s => s.Id), status.Pending);
    }

    [Fact]
    public async Task A_script_edited_after_it_was_applied_is_refused()
    {
        await using var db = await TestDatabase.CreateEmptyAsync("edited");
        await SchemaMigrator.MigrateAsync(db.ConnectionString, PaceDatabase.Pace);
        await ScalarAsync<int>(db, "UPDATE schema_migrations SET checksum = 'edited' WHERE version = '0001' RETURNING 1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.MigrateAsync(db.ConnectionString, PaceDatabase.Pace));

        Assert.Contains("0001_initial was changed after it was applied", error.Message, StringComparison.Ordinal);
        Assert.Contains("0001_initial was changed after it was applied", string.Join(" ", (await StatusAsync(db, PaceDatabase.Pace)).Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_ahead_of_the_build_is_refused()
    {
        await using var db = await TestDatabase.CreateEmptyAsync("ahead");
        await SchemaMigrator.MigrateAsync(db.ConnectionString, PaceDatabase.PaceAi);
        await ScalarAsync<int>(db, "INSERT INTO schema_migrations (version, name, checksum) VALUES ('9999', 'future', 'x') RETURNING 1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.MigrateAsync(db.ConnectionString, PaceDatabase.PaceAi));

        Assert.Contains("9999 is applied but unknown to this build", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scripts_are_numbered_in_order_without_gaps()
    {
        foreach (var database in Enum.GetValues<PaceDatabase>())
        {
            var versions = MigrationScript.For(database).Select(s => int.Parse(s.Version, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(1, versions.Count), versions);
        }
    }

    private static async Task<MigrationStatus> StatusAsync(TestDatabase db, PaceDatabase database)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        return await SchemaMigrator.GetStatusAsync(connection, database, CancellationToken.None);
    }

    private static async Task<T> ScalarAsync<T>(TestDatabase db, string sql)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
