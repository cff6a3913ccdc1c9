using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pace.Data.Audit;
using Pace.Data.Common;

namespace Pace.Data;

/// <summary>The connection string of one database, from <c>ConnectionStrings:Pace</c> or <c>ConnectionStrings:PaceAi</c>.</summary>
public sealed class DatabaseOptions
{
    public string ConnectionString { get; set; } = "";
}

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers a database: its validated connection string, a pooled <see cref="NpgsqlDataSource"/> keyed by
    /// <paramref name="database"/>, and its pooled DbContext. The services never migrate: <c>pace migrate</c> does.
    /// </summary>
    public static IServiceCollection AddPaceDatabase(this IServiceCollection services, IConfiguration configuration, PaceDatabase database)
    {
        var name = database.ConnectionName();
        services.AddOptions<DatabaseOptions>(name)
            .Configure(o => o.ConnectionString = configuration.GetConnectionString(name) ?? "")
            .Validate(o => IsValidConnectionString(o.ConnectionString),
                $"ConnectionStrings:{name} (env ConnectionStrings__{name}) is missing or is not a valid PostgreSQL connection string.")
            .ValidateOnStart();

        services.AddKeyedSingleton(database, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<DatabaseOptions>>().Get(name);
            var builder = new NpgsqlDataSourceBuilder(options.ConnectionString) { Name = database.DefaultDatabaseName() };
            return builder.Build();
        });
        services.AddSingleton<TimestampsInterceptor>();
        services.TryAddSingleton<IAuditActorAccessor, SystemAuditActor>();
        services.AddSingleton<AuditInterceptor>();

        switch (database)
        {
            case PaceDatabase.Pace:
                services.AddDbContextPool<PaceDbContext>((sp, o) => Configure(sp, o, database));
                break;
            case PaceDatabase.PaceAi:
                services.AddDbContextPool<PaceAiDbContext>((sp, o) => Configure(sp, o, database));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(database));
        }

        return services;
    }

    /// <summary>Readiness: the database answers and every migration of this build is applied.</summary>
    public static IHealthChecksBuilder AddDatabaseReadiness(this IHealthChecksBuilder builder, PaceDatabase database, params string[] tags) =>
        builder.Add(new HealthCheckRegistration(
            $"{database.DefaultDatabaseName()}-database",
            sp => new DatabaseReadyCheck(sp.GetRequiredKeyedService<NpgsqlDataSource>(database), database),
            HealthStatus.Unhealthy,
            tags,
            TimeSpan.FromSeconds(5)));

    public static bool IsValidConnectionString(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return !string.IsNullOrEmpty(builder.Host) && !string.IsNullOrEmpty(builder.Database);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Configure(IServiceProvider services, DbContextOptionsBuilder options, PaceDatabase database)
    {
        options.UseNpgsql(services.GetRequiredKeyedService<NpgsqlDataSource>(database))
            .AddInterceptors(services.GetRequiredService<TimestampsInterceptor>());
        if (database == PaceDatabase.Pace)
        {
            options.AddInterceptors(services.GetRequiredService<AuditInterceptor>());
        }
    }
}
