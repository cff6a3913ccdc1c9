using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pace.Listings;

namespace Pace.Data.Listings;

/// <summary>
/// Listing references (<see cref="ListingReference"/>) are numbered by one PostgreSQL sequence, so two agents creating
/// listings at once never get the same number. Whatever writes listings with numbers of its own (the demo seeder, an
/// import) moves the sequence past them with <see cref="AdvancePastExistingAsync"/>.
/// </summary>
public static class ListingReferences
{
    public const string Sequence = "listing_reference_seq";

    /// <summary>
    /// Sets the sequence to the highest number among the existing <c>AA-S-n</c>/<c>AA-R-n</c> references when that is
    /// at or past its own position; never moves it back. The same statement ends migration 0004.
    /// </summary>
    private const string AdvancePastExistingSql = $$"""
        SELECT setval('{{Sequence}}', top.number)
        FROM (SELECT max(substring(reference FROM '^{{ListingReference.Prefix}}-[SR]-([0-9]{1,18})$')::bigint) AS number FROM listings) AS top
        WHERE top.number >= (SELECT last_value FROM {{Sequence}})
        """;

    /// <summary>A new reference for a listing of <paramref name="purpose"/>.</summary>
    public static async Task<string> NextAsync(PaceDbContext db, Purpose purpose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var number = await db.Database.SqlQueryRaw<long>($"SELECT nextval('{Sequence}') AS \"Value\"").SingleAsync(cancellationToken);
        return ListingReference.Format(purpose, number);
    }

    public static async Task AdvancePastExistingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(AdvancePastExistingSql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
