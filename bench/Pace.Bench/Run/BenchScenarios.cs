using System.Globalization;
using System.Net;
using Pace.Client;

namespace Pace.Bench.Run;

/// <summary>How hard and how long to load each scenario.</summary>
public sealed record BenchSettings(int Connections, TimeSpan WarmUp, TimeSpan Window, string? Only = null);

/// <summary>A scenario's figures, or why it was skipped.</summary>
public sealed record ScenarioResult(string Name, string Target, Measurement? Measurement, string? Skipped, string? Baseline, double LoadBefore, double LoadAfter);

/// <summary>
/// The scenarios of issue 6, each an endless sequence of operations over the fixtures' samples, measured one after
/// the other; a PACE scenario with a raw twin is followed at once by the twin (the same SQL with nothing around it), so
/// the two are measured at the same moment of the shared machine.
/// </summary>
public sealed class BenchScenarios(Uri pace, Uri raw, BenchFixtures fixtures, BenchSettings settings, Action<string> progress) : IDisposable
{
    /// <summary>How deep the deep keyset page is: page 500 of 50 rows.</summary>
    public const int DeepPage = 500;

    private const int PageSize = 50;

    private readonly HttpClient _agent = LoadDriver.CreateClient(pace, fixtures.AgentToken, settings.Connections);
    private readonly HttpClient _manager = LoadDriver.CreateClient(pace, fixtures.ManagerToken, settings.Connections);
    private readonly HttpClient _admin = LoadDriver.CreateClient(pace, fixtures.AdminToken, settings.Connections);
    private readonly HttpClient _raw = LoadDriver.CreateClient(raw, null, settings.Connections);

    public async Task<IReadOnlyList<ScenarioResult>> RunAllAsync(CancellationToken cancellationToken)
    {
        var deep = await DeepCursorsAsync(cancellationToken);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(4));
        var period = string.Create(CultureInfo.InvariantCulture, $"from={today.AddDays(-89):yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        var phones = fixtures.Phones;
        var searches = fixtures.Searches;
        var applicants = fixtures.Applicants;
        var listings = fixtures.LiveListings;

        var scenarios = new List<Scenario>
        {
            new("phone-lookup", "p99 < 10 ms; >= 0.7x raw throughput",
                i => Get(_agent, $"api/v1/applicants?q={Uri.EscapeDataString(Pick(phones, i))}"),
                i => Get(_raw, $"phone?number={Uri.EscapeDataString(Pick(phones, i))}&agent={fixtures.AgentId}")),
            // What every API request pays before its own query: the pipeline, the token check and a small JSON answer.
            new("token-check", "(diagnostic: GET /api/v1/me, no query of its own)", _ => Get(_agent, "api/v1/me")),
            new("listing-search", "p95 < 50 ms; >= 0.6x raw throughput",
                i => Get(_agent, "api/v1/listings?" + Pick(searches, i).Query),
                i => Get(_raw, $"listings?{Pick(searches, i).Query}&agent={fixtures.AgentId}")),
            new("applicant-list-first", "p95 < 50 ms", _ => Get(_agent, $"api/v1/applicants?limit={PageSize}")),
            new($"applicant-list-page-{deep.Page}", "p95 < 50 ms (as fast as page 1)",
                i => Get(_manager, $"api/v1/applicants?limit={PageSize}&cursor={Uri.EscapeDataString(Pick(deep.Cursors, i))}")),
            new("applicant-page-api", "(record + timeline)",
                i => new Operation(_agent, [$"api/v1/applicants/{Pick(applicants, i)}", $"api/v1/applicants/{Pick(applicants, i)}/timeline"])),
            new("applicant-page-html", "p95 < 80 ms", i => Get(_agent, $"applicants/{Pick(applicants, i)}"), Optional: true),
            new("match-applicant-listings", "(no target)", i => Get(_agent, $"api/v1/applicants/{Pick(applicants, i)}/matches"), Optional: true),
            new("match-listing-applicants", "p95 < 250 ms (over 1M applicants, as admin)", i => Get(_admin, $"api/v1/listings/{Pick(listings, i)}/matches"), Optional: true),
            new("manager-dashboard-90d", "p95 < 300 ms (one team)", _ => Get(_manager, $"api/v1/dashboard/team?teamId={fixtures.TeamId}&{period}")),
            new("brokerage-dashboard-90d", "(no target: all 50 teams, as admin)", _ => Get(_admin, $"api/v1/dashboard/team?{period}")),
        };

        var results = new List<ScenarioResult>();
        foreach (var scenario in scenarios.Where(s => settings.Only is null || s.Name.StartsWith(settings.Only, StringComparison.Ordinal)))
        {
            results.Add(await MeasureAsync(scenario.Name, scenario.Target, scenario.Operations, scenario.Optional, null, cancellationToken));
            if (scenario.Raw is { } rawOperations)
            {
                results.Add(await MeasureAsync(scenario.Name + " (raw)", "baseline", rawOperations, false, scenario.Name, cancellationToken));
            }
        }

        return results;
    }

    public void Dispose()
    {
        _agent.Dispose();
        _manager.Dispose();
        _admin.Dispose();
        _raw.Dispose();
    }

    private async Task<ScenarioResult> MeasureAsync(
        string name, string target, Func<long, Operation> operations, bool optional, string? baselineOf, CancellationToken cancellationToken)
    {
        var (status, detail) = await LoadDriver.ProbeAsync(operations(0), cancellationToken);
        if (status != HttpStatusCode.OK)
        {
            if (optional && status == HttpStatusCode.NotFound)
            {
                // The request and its status: the body (a ProblemDetails) adds nothing to the table.
                var note = $"skipped: not on this branch ({detail.Split(": ", 2)[0]})";
                progress($"{name}: {note}");
                return new ScenarioResult(name, target, null, note, baselineOf, 0, 0);
            }

            throw new BenchException($"{name}: {detail}");
        }

        var before = LoadAverage();
        var measurement = await LoadDriver.MeasureAsync(operations, settings.Connections, settings.WarmUp, settings.Window, cancellationToken);
        var after = LoadAverage();
        progress(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {measurement.PerSecond:0.0}/s p50 {measurement.P50Ms:0.0} ms p95 {measurement.P95Ms:0.0} ms p99 {measurement.P99Ms:0.0} ms, {measurement.Failures} failed, load {before:0.00} → {after:0.00}"));
        return new ScenarioResult(name, target, measurement, null, baselineOf, before, after);
    }

    /// <summary>Cursors of pages around <see cref="DeepPage"/> of the manager's applicant list (walked once, page by page).</summary>
    private async Task<(int Page, IReadOnlyList<string> Cursors)> DeepCursorsAsync(CancellationToken cancellationToken)
    {
        var client = new PaceApiClient(_manager);
        var cursors = new List<string>();
        string? cursor = null;
        var page = 1;
        for (; page < DeepPage + 20; page++)
        {
            var next = (await client.Applicants.ListAsync(new ApplicantListQuery(Cursor: cursor, Limit: PageSize), cancellationToken)).NextCursor;
            if (next is null)
            {
                break;
            }

            cursor = next;
            if (page >= DeepPage - 20)
            {
                cursors.Add(cursor);
            }
        }

        if (cursors.Count == 0)
        {
            // A small dataset (the smoke test): the deepest pages it has.
            cursors.Add(cursor ?? throw new BenchException("the manager's applicant list has a single page"));
        }

        progress($"applicant list: {cursors.Count} cursors around page {page - cursors.Count / 2} of the manager's list");
        return (page - (cursors.Count / 2), cursors);
    }

    private static Operation Get(HttpClient client, string path) => new(client, [path]);

    private static T Pick<T>(IReadOnlyList<T> items, long i) => items[(int)(i % items.Count)];

    /// <summary>The system's 1-minute load average (the machine is shared: it is recorded with every figure).</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
            : double.NaN;

    private sealed record Scenario(string Name, string Target, Func<long, Operation> Operations, Func<long, Operation>? Raw = null, bool Optional = false);
}
