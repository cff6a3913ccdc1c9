using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pace.Bench.Generate;
using Pace.Bench.Raw;
using Pace.Bench.Run;
using Pace.Data;
using Pace.Data.Seed;
using Pace.Testing;
using Pace.Web;

namespace Pace.Bench.Tests;

/// <summary>
/// The benchmark's code at smoke size, so it cannot rot: the generator's bulk path (keys and indexes off, COPY, keys
/// and indexes back) on a few thousand rows, and the driver sending a few requests per scenario to a real pace-web and
/// the raw baseline. No timings are asserted: those belong to <c>./pace bench run</c>.
/// </summary>
public sealed class BenchSmokeTests(SmokeDataset dataset) : IClassFixture<SmokeDataset>
{
    [Fact]
    public async Task Generator_loads_the_brokerage_and_rebuilds_every_key_and_index_the_migrations_made()
    {
        await using var migrated = await TestDatabase.CreateMigratedAsync(PaceDatabase.Pace);
        var expected = await StructuresAsync(migrated.ConnectionString);
        var actual = await StructuresAsync(dataset.ConnectionString);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
        var rows = dataset.Summary.Rows.ToDictionary(r => r.Table, r => r.Rows);
        Assert.True(rows["applicants"] >= SmokeDataset.Size.Applicants, $"{rows["applicants"]} applicants");
        Assert.Equal(SmokeDataset.Size.Listings, rows["listings"]);
        // Five areas, each with its teams of a manager and their agents, and the admin.
        Assert.Equal(5 * SmokeDataset.Size.TeamsPerArea, rows["teams"]);
        Assert.Equal((5 * SmokeDataset.Size.TeamsPerArea * (SmokeDataset.Size.AgentsPerTeam + 1)) + 1, rows["users"]);
        Assert.True(rows["activities"] > rows["applicants"], $"{rows["activities"]} activities");
        Assert.True(rows["viewings"] > 0 && rows["offers"] > 0 && rows["requirements"] > 0);
    }

    [Fact]
    public async Task Raw_baseline_answers_the_same_rows_as_pace_web_for_the_phone_lookup_and_the_listing_search()
    {
        await using var web = new PaceServiceFactory<WebService>(PaceWebSettings.For(dataset.ConnectionString));
        await using var raw = await StartRawAsync();
        var fixtures = await BenchFixtures.LoadAsync(dataset.ConnectionString, CancellationToken.None);
        using var pace = LoadDriver.CreateClient(web.BaseAddress, fixtures.AgentToken, 1);
        using var baseline = LoadDriver.CreateClient(RawAddress(raw), null, 1);

        var phone = fixtures.Phones[0];
        var paceIds = await IdsAsync(pace, $"api/v1/applicants?q={Uri.EscapeDataString(phone)}");
        var rawIds = await IdsAsync(baseline, $"phone?number={Uri.EscapeDataString(phone)}&agent={fixtures.AgentId}");
        Assert.NotEmpty(paceIds);
        Assert.Equal(paceIds, rawIds);

        foreach (var search in fixtures.Searches.Take(5))
        {
            Assert.Equal(await IdsAsync(pace, "api/v1/listings?" + search.Query), await IdsAsync(baseline, $"listings?{search.Query}&agent={fixtures.AgentId}"));
        }
    }

    [Fact]
    public async Task Driver_measures_every_scenario_against_a_real_pace_web_or_says_why_it_skipped()
    {
        await using var web = new PaceServiceFactory<WebService>(PaceWebSettings.For(dataset.ConnectionString));
        await using var raw = await StartRawAsync();
        var fixtures = await BenchFixtures.LoadAsync(dataset.ConnectionString, CancellationToken.None);
        var settings = new BenchSettings(Connections: 2, WarmUp: TimeSpan.Zero, Window: TimeSpan.FromMilliseconds(200));
        var progress = new List<string>();
        using var scenarios = new BenchScenarios(web.BaseAddress, RawAddress(raw), fixtures, settings, progress.Add);

        var results = await scenarios.RunAllAsync(CancellationToken.None);

        Assert.Contains(results, r => r.Name == "phone-lookup (raw)" && r.Baseline == "phone-lookup");
        Assert.Contains(results, r => r.Name == "listing-search (raw)" && r.Baseline == "listing-search");
        foreach (var result in results)
        {
            if (result.Measurement is { } measurement)
            {
                Assert.True(measurement.Operations > 0, $"{result.Name} completed no operation");
                Assert.True(measurement.Failures == 0, $"{result.Name}: {measurement.FirstFailure}");
            }
            else
            {
                // Only the scenarios of pages and endpoints built on other branches may be missing, and they say so.
                Assert.StartsWith("skipped: not on this branch", result.Skipped, StringComparison.Ordinal);
                Assert.Contains(result.Name, new[] { "applicant-page-html", "match-applicant-listings", "match-listing-applicants" });
            }
        }

        var report = BenchRun.Report(results, settings, "smoke", DateTimeOffset.UtcNow, 0, 0);
        Assert.Contains("| phone-lookup |", report, StringComparison.Ordinal);
    }

    private async Task<WebApplication> StartRawAsync()
    {
        var raw = RawServer.Build(dataset.ConnectionString, "http://127.0.0.1:0");
        await raw.StartAsync();
        return raw;
    }

    private static Uri RawAddress(WebApplication raw) => new(raw.Urls.First() + "/");

    private static async Task<List<string>> IdsAsync(HttpClient client, string path)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative)));
        return document.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    private static async Task<List<string>> StructuresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return (await SecondaryStructures.ReadAsync(connection, CancellationToken.None))
            .Select(s => $"{s.Table} {s.Name} {s.Kind} {s.Definition}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>The smoke-size benchmark dataset, generated once for the class into a database of its own and dropped after.</summary>
public sealed class SmokeDataset : IAsyncLifetime
{
    /// <summary>The benchmark's shape (several teams per area, its lead history) at a few thousand rows.</summary>
    public static readonly DemoDataSize Size = DemoDataSize.Benchmark with { AgentsPerTeam = 3, TeamsPerArea = 2, Listings = 400, Applicants = 1_500, BatchSize = 500 };

    private readonly string _database = "test_bench_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString => BenchDataset.ConnectionString(TestDatabase.AdminConnectionString, _database);

    public BenchDatasetSummary Summary { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Summary = await BenchDataset.GenerateAsync(TestDatabase.AdminConnectionString, _database, Size, TimeProvider.System, NullLogger.Instance, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestDatabase.AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
