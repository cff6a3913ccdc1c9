using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pace.Data.Listings;
using Pace.Identity;

namespace Pace.Data.Seed;

/// <summary>Loads the demo brokerage into an empty, migrated Pace DB.</summary>
public static partial class DemoSeeder
{
    /// <summary>The generator's seed: the same seed and clock give identical rows and ids.</summary>
    public const int Seed = 20_250_101;

    // Arbitrary constant: the advisory lock key of seeding, so two starting replicas do not both seed.
    private const long LockKey = 0x5041_4345_5345_4544;

    /// <summary>Seeds when the database holds no users; returns whether it seeded.</summary>
    public static Task<bool> SeedIfEmptyAsync(string connectionString, TimeProvider clock, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        SeedIfEmptyAtSizeAsync(connectionString, clock, DemoDataSize.Demo, logger, cancellationToken);

    /// <summary>
    /// Seeds <paramref name="size"/> (the demo, or the benchmark dataset) when the database holds no users; everything
    /// is written with binary COPY in one transaction, in foreign-key order, then the statistics are refreshed.
    /// </summary>
    public static async Task<bool> SeedIfEmptyAtSizeAsync(string connectionString, TimeProvider clock, DemoDataSize size, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(size);
        logger ??= NullLogger.Instance;
        var stopwatch = Stopwatch.StartNew();

        // The context is only asked for its model: tables, columns, store types and converters for the COPY writer.
        var options = new DbContextOptionsBuilder<PaceDbContext>().UseNpgsql(connectionString).Options;
        ModelCopyWriter writer;
        using (var context = new PaceDbContext(options))
        {
            writer = new ModelCopyWriter(context.Model);
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM users)", connection))
        {
            if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                LogNotEmpty(logger);
                return false;
            }
        }

        var now = clock.GetUtcNow();
        LogStarting(logger, size.Listings, size.Applicants, now);
        var loader = new Loader(connection, writer, logger, stopwatch, cancellationToken);
        var generator = new DemoDataGenerator(SeedCatalog.Default, size, now, Seed);

        await loader.CopyAsync(generator.GenerateLocations());
        await loader.CopyAsync(generator.GenerateReferenceValues());
        var (teams, users) = generator.GenerateStaff();
        // teams.manager_id and users.team_id point at each other: teams first without managers, then users, then managers.
        await loader.CopyAsync(teams.Select(t => new Team { Id = t.Id, Name = t.Name, CreatedAt = t.CreatedAt, UpdatedAt = t.UpdatedAt }));
        await loader.CopyAsync(users);
        foreach (var team in teams)
        {
            await using var update = new NpgsqlCommand("UPDATE teams SET manager_id = @manager WHERE id = @id", connection);
            update.Parameters.AddWithValue("manager", team.ManagerId!.Value);
            update.Parameters.AddWithValue("id", team.Id);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        var listings = generator.GenerateListings();
        await loader.CopyPeopleAsync(listings);
        await loader.CopyAsync(listings.Listings);
        // The generator numbers references itself: new listings must continue after them, never reuse one.
        await ListingReferences.AdvancePastExistingAsync(connection, cancellationToken);
        await loader.CopyAsync(listings.Media);
        await loader.CopyAsync(listings.Portals);
        await loader.CopyAsync(listings.Approvals);
        await loader.CopyAsync(listings.Activities);
        LogListings(logger, listings.Listings.Count, listings.Applicants.Count, stopwatch.ElapsedMilliseconds);

        // Generation and COPY overlap: the generator fills the next batches on another thread while this connection
        // copies the current one (the generator stays one thread, so the rows are the same as generated in line).
        var applicants = 0;
        var batches = Channel.CreateBounded<DemoBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        // Stops the generator when copying fails, so it does not wait forever on a full channel.
        using var stopGenerating = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(
            async () =>
            {
                try
                {
                    foreach (var batch in generator.GenerateApplicants())
                    {
                        await batches.Writer.WriteAsync(batch, stopGenerating.Token);
                    }

                    batches.Writer.Complete();
                }
                catch (Exception ex)
                {
                    batches.Writer.Complete(ex);
                    throw;
                }
            },
            stopGenerating.Token);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                await loader.CopyPeopleAsync(batch);
                await loader.CopyAsync(batch.Requirements);
                await loader.CopyAsync(batch.Viewings);
                await loader.CopyAsync(batch.Offers);
                await loader.CopyAsync(batch.Deals);
                await loader.CopyAsync(batch.Activities);
                applicants += batch.Applicants.Count;
                LogApplicants(logger, applicants, size.Applicants, stopwatch.ElapsedMilliseconds);
            }
        }
        catch
        {
            await stopGenerating.CancelAsync();
            throw;
        }

        await producer;

        await transaction.CommitAsync(cancellationToken);
        var loaded = stopwatch.ElapsedMilliseconds;
        await ExecuteAsync(connection, "ANALYZE", cancellationToken);
        foreach (var (table, rows) in loader.Counts)
        {
            LogTable(logger, table, rows);
        }

        var total = loader.Counts.Values.Sum();
        LogSeeded(logger, total, loaded, stopwatch.ElapsedMilliseconds);
        return true;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The database already has users: demo data not loaded")]
    private static partial void LogNotEmpty(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading demo data: {Listings} listings, {Applicants} applicants, relative to {Now:O}")]
    private static partial void LogStarting(ILogger logger, int listings, int applicants, DateTimeOffset now);

    [LoggerMessage(Level = LogLevel.Information, Message = "Copied {Listings} listings and {Owners} owners ({ElapsedMs} ms)")]
    private static partial void LogListings(ILogger logger, int listings, int owners, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Copied {Done}/{Total} applicants with their timelines ({ElapsedMs} ms)")]
    private static partial void LogApplicants(ILogger logger, int done, int total, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Table}: {Rows} rows")]
    private static partial void LogTable(ILogger logger, string table, long rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data loaded: {Rows} rows in {LoadMs} ms, {TotalMs} ms with ANALYZE")]
    private static partial void LogSeeded(ILogger logger, long rows, long loadMs, long totalMs);

    /// <summary>Copies row groups and keeps the count per table.</summary>
    private sealed class Loader(NpgsqlConnection connection, ModelCopyWriter writer, ILogger logger, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        public SortedDictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

        public async Task CopyAsync<T>(IEnumerable<T> rows)
            where T : class
        {
            var table = writer.TableOf<T>();
            var copied = await writer.CopyAsync(connection, rows, cancellationToken);
            Counts[table] = Counts.GetValueOrDefault(table) + (long)copied;
            LogCopied(logger, (long)copied, table, stopwatch.ElapsedMilliseconds);
        }

        /// <summary>Applicants and what hangs off them directly (before anything that points at them).</summary>
        public async Task CopyPeopleAsync(DemoBatch batch)
        {
            await CopyAsync(batch.Applicants);
            await CopyAsync(batch.Phones);
            await CopyAsync(batch.Emails);
            await CopyAsync(batch.Consents);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Copied {Rows} rows into {Table} ({ElapsedMs} ms)")]
    private static partial void LogCopied(ILogger logger, long rows, string table, long elapsedMs);
}
