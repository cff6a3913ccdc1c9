using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pace.Audit;
using Pace.Data.Seed;
using Pace.Outbox;
using Pace.Settings;
using Pace.Testing;
using Pace.Webhooks;

namespace Pace.Data.Tests.Seed;

public sealed class ModelCopyWriterTests
{
    [Fact]
    public async Task Every_entity_copies_into_all_columns_the_database_does_not_fill_itself()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        await using var context = db.CreatePaceDbContext();
        var writer = new ModelCopyWriter(context.Model);
        var columnsOf = typeof(ModelCopyWriter).GetMethod(nameof(ModelCopyWriter.ColumnsOf))!;
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();

        foreach (var entityType in context.Model.GetEntityTypes())
        {
            var table = entityType.GetTableName()!;
            var expected = new List<string>();
            await using (var command = new NpgsqlCommand("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = @table AND is_generated = 'NEVER' AND is_identity = 'NO'
                """, connection))
            {
                command.Parameters.AddWithValue("table", table);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    expected.Add(reader.GetString(0));
                }
            }

            var columns = (IReadOnlyList<string>)columnsOf.MakeGenericMethod(entityType.ClrType).Invoke(writer, null)!;
            Assert.Equal(expected.Order(StringComparer.Ordinal), columns.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Rows_copied_by_the_writer_read_back_through_ef()
    {
        await using var db = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        await using var context = db.CreatePaceDbContext();
        var writer = new ModelCopyWriter(context.Model);
        var at = new DateTimeOffset(2025, 3, 12, 6, 0, 0, TimeSpan.Zero);
        await using (var connection = new NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await writer.CopyAsync(connection, [new Setting { Key = "portals.bayut.enabled", Value = """{"enabled": true}""", UpdatedAt = at }]);
            await writer.CopyAsync(connection, Enumerable.Range(1, 3).Select(i => new OutboxMessage
            {
                Topic = "portal.publish",
                IdempotencyKey = $"listing-{i}",
                Payload = $$"""{"listing": {{i}}}""",
                Status = OutboxStatus.Pending,
                NextAttemptAt = at,
                CreatedAt = at,
            }));
            await writer.CopyAsync(connection, [new InboundWebhook { Source = "property_finder", ExternalId = "evt-1", ReceivedAt = at, Body = "{}", Status = InboundWebhookStatus.Received }]);
            await writer.CopyAsync(connection, [new AuditEntry { OccurredAt = at, Action = "listing.published", Data = """{"reference": "AA-S-10234"}""" }]);
        }

        var outbox = await context.Outbox.OrderBy(m => m.Id).ToListAsync();
        Assert.Equal([1L, 2L, 3L], outbox.Select(m => m.Id));
        Assert.All(outbox, m => Assert.Equal(OutboxStatus.Pending, m.Status));
        Assert.Equal("""{"enabled": true}""", (await context.Settings.SingleAsync()).Value);
        Assert.Equal(InboundWebhookStatus.Received, (await context.InboundWebhooks.SingleAsync()).Status);
        Assert.Equal(at, (await context.AuditLog.SingleAsync()).OccurredAt);
    }
}
