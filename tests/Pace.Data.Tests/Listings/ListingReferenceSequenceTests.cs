using System.Globalization;
using Npgsql;
using Pace.Data.Listings;
using Pace.Data.Migrations;
using Pace.Data.Tests.Seed;
using Pace.Listings;
using Pace.Testing;

namespace Pace.Data.Tests.Listings;

/// <summary>The reference sequence and the references the demo seeder writes itself never collide.</summary>
public sealed class ListingReferenceSequenceTests(SeededDatabase seeded) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task New_references_continue_after_the_seeded_ones()
    {
        var highest = await seeded.ScalarAsync<long>("SELECT max(substring(reference FROM 6)::bigint) FROM listings");
        await using var db = seeded.Database.CreatePaceDbContext();

        var sale = await ListingReferences.NextAsync(db, Purpose.Sale, CancellationToken.None);
        var rent = await ListingReferences.NextAsync(db, Purpose.Rent, CancellationToken.None);

        Assert.Equal(ListingReference.FirstNumber + 1_500 - 1, highest);
        Assert.Equal(ListingReference.Format(Purpose.Sale, highest + 1), sale);
        Assert.Equal(ListingReference.Format(Purpose.Rent, highest + 2), rent);
    }

    [Fact]
    public async Task References_written_by_an_import_move_the_sequence_past_them_and_never_back()
    {
        await using var database = await TestDatabase.CreateEmptyAsync("refs");
        await SchemaMigrator.MigrateAsync(database.ConnectionString, PaceDatabase.Pace);
        await using var db = database.CreatePaceDbContext();
        Assert.Equal("AA-S-10234", await ListingReferences.NextAsync(db, Purpose.Sale, CancellationToken.None));

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await SeedListingAsync(connection, "AA-R-50000");
        await ListingReferences.AdvancePastExistingAsync(connection, CancellationToken.None);
        Assert.Equal("AA-S-50001", await ListingReferences.NextAsync(db, Purpose.Sale, CancellationToken.None));

        await ListingReferences.AdvancePastExistingAsync(connection, CancellationToken.None);
        Assert.Equal("AA-R-50002", await ListingReferences.NextAsync(db, Purpose.Rent, CancellationToken.None));
    }

    /// <summary>The smallest listing the schema takes, with its owner rows (a user and a location).</summary>
    private static async Task SeedListingAsync(NpgsqlConnection connection, string reference)
    {
        var user = Guid.CreateVersion7();
        var location = Guid.CreateVersion7();
        var sql = string.Create(CultureInfo.InvariantCulture, $$"""
            INSERT INTO users (id, email, display_name, role, is_active, created_at, updated_at)
            VALUES ('{{user}}', 'importer@allsop.example', 'Importer', 'agent', true, now(), now());
            INSERT INTO locations (id, level, name, path, created_at, updated_at) VALUES ('{{location}}', 'emirate', 'Dubai', 'dubai', now(), now());
            INSERT INTO listings (id, reference, purpose, category, property_type, status, status_changed_at, price_minor, currency, rent_frequency,
                price_on_application, size_sqft, location_id, furnishing, completion_status, amenities, title_en, description_en, listing_agent_id,
                created_at, updated_at)
            VALUES ('{{Guid.CreateVersion7()}}', '{{reference}}', 'rent', 'residential', 'apartment', 'live', now(), 10000000, 'AED', 'yearly',
                false, 800, '{{location}}', 'unfurnished', 'completed', '{}', 'Imported', 'Imported', '{{user}}', now(), now());
            """);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
