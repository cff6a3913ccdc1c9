using Microsoft.Extensions.Logging;
using Pace.Data;

namespace Pace.Local;

/// <summary>
/// <c>./pace migrate</c> and <c>./pace seed</c>. Migrate applies the pending migrations of both databases on the local
/// cluster, or, when <c>ConnectionStrings__Pace</c> / <c>ConnectionStrings__PaceAi</c> are set, of exactly the
/// databases they name: that is how production migrates (the services never migrate themselves).
/// </summary>
internal static partial class MigrateCommand
{
    public static async Task<int> MigrateAsync(Func<Workspace> workspace, ILogger logger)
    {
        using var signals = new ShutdownSignals();
        try
        {
            var configured = Databases.All
                .Select(d => (Database: d, Variable: $"ConnectionStrings__{d.ConnectionName()}"))
                .Select(d => (d.Database, d.Variable, ConnectionString: Environment.GetEnvironmentVariable(d.Variable)))
                .Where(d => !string.IsNullOrWhiteSpace(d.ConnectionString))
                .ToList();
            if (configured.Count > 0)
            {
                foreach (var (database, variable, connectionString) in configured)
                {
                    if (!DataServiceCollectionExtensions.IsValidConnectionString(connectionString))
                    {
                        throw new LauncherException($"{variable} is not a valid PostgreSQL connection string (Host=…;Database=…;Username=…;Password=…)");
                    }

                    LogFromEnvironment(logger, variable);
                    await Databases.MigrateAsync(connectionString!, database, logger, signals.Token);
                }

                return 0;
            }

            var postgres = LocalPostgres.ForRun(workspace(), logger);
            return await postgres.UseAsync(
                async cancellationToken =>
                {
                    foreach (var database in Databases.All)
                    {
                        await Databases.MigrateAsync(postgres.ConnectionString(database.DefaultDatabaseName()), database, logger, cancellationToken);
                    }

                    return 0;
                },
                signals.Token);
        }
        catch (OperationCanceledException) when (signals.Received)
        {
            return signals.ExitCode;
        }
    }

    /// <summary>Loads the demo data into the local Pace DB when it is empty (migrating it first when needed).</summary>
    public static async Task<int> SeedAsync(Workspace workspace, ILogger logger)
    {
        using var signals = new ShutdownSignals();
        var postgres = LocalPostgres.ForRun(workspace, logger);
        try
        {
            return await postgres.UseAsync(
                async cancellationToken =>
                {
                    var connectionString = postgres.ConnectionString(PaceDatabase.Pace.DefaultDatabaseName());
                    await Databases.MigrateAsync(connectionString, PaceDatabase.Pace, logger, cancellationToken);
                    await Databases.SeedAsync(connectionString, logger, cancellationToken);
                    return 0;
                },
                signals.Token);
        }
        catch (OperationCanceledException) when (signals.Received)
        {
            return signals.ExitCode;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "migrating the database of {Variable}")]
    private static partial void LogFromEnvironment(ILogger logger, string variable);
}
