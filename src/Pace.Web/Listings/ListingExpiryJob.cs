using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Pace.Common;
using Pace.Data;
using Pace.Data.Audit;
using Pace.Listings;
using Pace.Web.Common;

namespace Pace.Web.Listings;

/// <summary>When the expiry of live listings runs (<c>Listings:Expiry</c>).</summary>
public sealed class ListingExpirySchedule
{
    /// <summary>Off, it runs only when called (tests).</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Takes live listings off the market when their advertising permit or mandate has run out (a Dubai date before
/// today): they become Expired, pending price changes are cancelled, and the reason goes on the timeline and in the
/// audit log. With several replicas, an advisory lock lets one run at a time.
/// </summary>
public sealed partial class ListingExpiryJob(
    IServiceScopeFactory scopes,
    [FromKeyedServices(PaceDatabase.Pace)] NpgsqlDataSource dataSource,
    IOptions<ListingExpirySchedule> schedule,
    TimeProvider clock,
    ILogger<ListingExpiryJob> logger) : BackgroundService
{
    private const int Batch = 200;

    // Arbitrary constant: the advisory lock key of the listing expiry.
    private const long LockKey = 0x5041_4345_4c45_58;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        BackgroundRounds.RunAsync(RunOnceAsync, schedule.Value.Interval, clock, ex => LogFailed(logger, ex), stoppingToken);

    /// <summary>One round, if no other replica is running one: the number of listings expired, or null when it skipped.</summary>
    public async Task<int?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var (ran, expired) = await ReplicaLock.TryRunAsync(dataSource, LockKey, async () =>
        {
            var total = 0;
            int done;
            do
            {
                await using var scope = scopes.CreateAsyncScope();
                done = await ExpireBatchAsync(scope.ServiceProvider.GetRequiredService<PaceDbContext>(), cancellationToken);
                total += done;
            }
            while (done == Batch);

            return total;
        }, cancellationToken);
        if (expired > 0)
        {
            LogExpired(logger, expired);
        }

        return ran ? expired : null;
    }

    private async Task<int> ExpireBatchAsync(PaceDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DubaiTime.DateOf(now);
        var listings = await db.Listings
            .Where(l => l.Status == ListingStatus.Live && (l.PermitExpiresOn < today || l.MandateExpiresOn < today))
            .OrderBy(l => l.Id)
            .Take(Batch)
            .ToListAsync(cancellationToken);
        foreach (var listing in listings)
        {
            var reasons = ListingLifecycle.ExpiryReasons(listing, today);
            await ListingsApi.CancelPendingApprovalsAsync(db, listing.Id, now, "The listing expired.", kind: null, cancellationToken);
            ListingEvents.Move(db, AuditActor.System, now, listing, ListingStatus.Expired, "listing.expired", string.Join(" ", reasons));
        }

        await db.SaveChangesAsync(cancellationToken);
        return listings.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Count} live listings whose permit or mandate ran out")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Listing expiry failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

public static class ListingsModule
{
    /// <summary>The listings feature's services: the expiry job (<c>Listings:Expiry</c>).</summary>
    public static IServiceCollection AddListings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ListingExpirySchedule>().BindConfiguration("Listings:Expiry")
            .Validate(s => s.Interval >= TimeSpan.FromMinutes(1), "Listings:Expiry:Interval must be at least one minute.")
            .ValidateOnStart();
        services.AddSingleton<ListingExpiryJob>();
        if (configuration.GetValue("Listings:Expiry:Enabled", defaultValue: true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<ListingExpiryJob>());
        }

        return services;
    }
}
