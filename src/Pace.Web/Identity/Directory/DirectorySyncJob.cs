using Microsoft.Extensions.Options;
using Npgsql;
using Pace.Data;
using Pace.Integrations.Google;
using Pace.Web.Common;

namespace Pace.Web.Identity.Directory;

/// <summary>When the directory sync runs (<c>Google:Directory:SyncInterval</c>); off unless the directory is configured.</summary>
public sealed class DirectorySyncSchedule
{
    /// <summary>Off, the sync runs only when called (tests, an admin's "sync now").</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Runs <see cref="DirectorySync"/> on a schedule. With several replicas, a PostgreSQL advisory lock lets one run
/// at a time and the others skip that round.
/// </summary>
public sealed partial class DirectorySyncJob(
    IServiceScopeFactory scopes,
    [FromKeyedServices(PaceDatabase.Pace)] NpgsqlDataSource dataSource,
    IOptions<GoogleDirectoryOptions> directory,
    IOptions<DirectorySyncSchedule> schedule,
    TimeProvider clock,
    ILogger<DirectorySyncJob> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    // Arbitrary constant: the advisory lock key of the directory sync.
    private const long LockKey = 0x5041_4345_4449_52;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = schedule.Value.Interval;
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or NpgsqlException or IOException
                or Google.Apis.Auth.OAuth2.Responses.TokenResponseException)
            {
                // An outage of Google or of the database must not stop the job: try again soon, not an hour later.
                LogFailed(logger, ex);
                wait = wait < RetryAfterFailure ? wait : RetryAfterFailure;
            }

            await Task.Delay(wait, clock, stoppingToken);
        }
    }

    /// <summary>One round, if no other replica is running one; returns null when it skipped.</summary>
    public async Task<DirectorySyncResult?> RunOnceAsync(CancellationToken cancellationToken)
    {
        var (_, result) = await ReplicaLock.TryRunAsync<DirectorySyncResult?>(dataSource, LockKey, async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DirectorySync>().RunAsync(directory.Value.Domain, cancellationToken);
        }, cancellationToken);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Directory sync failed; it runs again in a minute")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

public static class DirectorySyncModule
{
    /// <summary>The Workspace directory sync, when <c>Google:Directory</c> is configured.</summary>
    public static IServiceCollection AddDirectorySync(this IServiceCollection services, IConfiguration configuration)
    {
        if (!configuration.GetSection(GoogleDirectoryOptions.Section).Exists())
        {
            return services;
        }

        services.AddOptions<GoogleDirectoryOptions>().BindConfiguration(GoogleDirectoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DirectorySyncSchedule>().BindConfiguration(GoogleDirectoryOptions.Section + ":Sync")
            .Validate(s => s.Interval >= TimeSpan.FromMinutes(1), "Google:Directory:Sync:Interval must be at least one minute.")
            .ValidateOnStart();
        services.AddHttpClient<GoogleDirectoryClient>();
        services.AddScoped<DirectorySync>();
        services.AddSingleton<DirectorySyncJob>();
        if (configuration.GetValue(GoogleDirectoryOptions.Section + ":Sync:Enabled", defaultValue: true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<DirectorySyncJob>());
        }

        return services;
    }
}
