using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Pace.Data.Migrations;
using Pace.Listings;
using Pace.Testing;

namespace Pace.Data.Tests.Schema;

/// <summary>
/// The migrations are written by hand (no EF design-time package here), so this proves that a database built from
/// them is the database the EF model describes, table for table and index for index.
/// </summary>
public sealed class SchemaMatchesModelTests
{
    [Theory]
    [InlineData(PaceDatabase.Pace)]
    [InlineData(PaceDatabase.PaceAi)]
    public async Task Migrated_schema_equals_the_schema_of_the_EF_model(PaceDatabase database)
    {
        var migrated = await MigratedSnapshotAsync(database);
        await using var modelDb = await TestDatabase.CreateEmptyAsync("model");
        await using (var context = CreateContext(database, modelDb.ConnectionString))
        {
            await context.Database.EnsureCreatedAsync();
        }

        var model = await SchemaSnapshot.ReadAsync(modelDb.ConnectionString);

        var diff = migrated.Diff(model);
        Assert.True(diff.Count == 0,
            $"The {database} migrations and the EF model differ (- only in the migrated database, + only in the model). "
            + "Add a migration under src/Pace.Data/Migrations (./pace model-sql shows the model's SQL):\n"
            + string.Join('\n', diff));
        Assert.Contains(model.Lines, l => l.StartsWith("table ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_entity_changed_without_a_migration_is_detected()
    {
        var migrated = await MigratedSnapshotAsync(PaceDatabase.Pace);
        await using var modelDb = await TestDatabase.CreateEmptyAsync("changed");
        var options = new DbContextOptionsBuilder<PaceDbContext>()
            .UseNpgsql(modelDb.ConnectionString)
            .ReplaceService<IModelCustomizer, ListingWithAnExtraColumn>()
            .Options;
        await using (var context = new PaceDbContext(options))
        {
            await context.Database.EnsureCreatedAsync();
        }

        var diff = migrated.Diff(await SchemaSnapshot.ReadAsync(modelDb.ConnectionString));

        Assert.Equal(["+ column listings.virtual_staging_note character varying(300) null"], diff);
    }

    [Fact]
    public async Task An_index_missing_from_the_migrations_is_detected()
    {
        await using var db = await TestDatabase.CreateEmptyAsync("noindex");
        await SchemaMigrator.MigrateAsync(db.ConnectionString, PaceDatabase.Pace);
        var before = await SchemaSnapshot.ReadAsync(db.ConnectionString);
        await using (var connection = new NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP INDEX ix_applicant_phones_number", connection);
            await drop.ExecuteNonQueryAsync();
        }

        var diff = before.Diff(await SchemaSnapshot.ReadAsync(db.ConnectionString));

        Assert.Equal(["- index ix_applicant_phones_number CREATE INDEX ix_applicant_phones_number ON public.applicant_phones USING btree (number)"], diff);
    }

    private static async Task<SchemaSnapshot> MigratedSnapshotAsync(PaceDatabase database)
    {
        await using var db = await TestDatabase.CreateEmptyAsync("migrated");
        await SchemaMigrator.MigrateAsync(db.ConnectionString, database);
        return await SchemaSnapshot.ReadAsync(db.ConnectionString);
    }

    private static DbContext CreateContext(PaceDatabase database, string connectionString) => database switch
    {
        PaceDatabase.Pace => new PaceDbContext(new DbContextOptionsBuilder<PaceDbContext>().UseNpgsql(connectionString).Options),
        PaceDatabase.PaceAi => new PaceAiDbContext(new DbContextOptionsBuilder<PaceAiDbContext>().UseNpgsql(connectionString).Options),
        _ => throw new ArgumentOutOfRangeException(nameof(database)),
    };

    /// <summary>The model as it would be after someone added a property to <see cref="Listing"/> and forgot the migration.</summary>
    private sealed class ListingWithAnExtraColumn(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            modelBuilder.Entity<Listing>().Property<string>("VirtualStagingNote").HasMaxLength(300);
            base.Customize(modelBuilder, context);
        }
    }
}
