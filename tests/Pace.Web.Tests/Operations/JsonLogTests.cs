using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pace.ServiceDefaults;

namespace Pace.Web.Tests.Operations;

public sealed class JsonLogTests
{
    [Fact]
    public void A_log_line_is_one_JSON_object_with_severity_message_state_and_trace()
    {
        using var source = new ActivitySource("Pace.Tests");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Pace.Tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);
        using var activity = source.StartActivity("request");

        var line = Write(LogLevel.Warning, "Listing {Reference} failed to publish after {Attempts} attempts", "AA-S-10234", 3);

        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("WARNING", root.GetProperty("severity").GetString());
        Assert.Equal("Listing AA-S-10234 failed to publish after 3 attempts", root.GetProperty("message").GetString());
        Assert.Equal("pace-web", root.GetProperty("service").GetString());
        Assert.Equal("AA-S-10234", root.GetProperty("state").GetProperty("Reference").GetString());
        Assert.Equal(3, root.GetProperty("state").GetProperty("Attempts").GetInt32());
        Assert.Equal(activity!.TraceId.ToHexString(), root.GetProperty("traceId").GetString());
        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", line.TrimEnd('\n'), StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_is_kept_inside_the_one_line()
    {
        var line = Write(LogLevel.Error, "Outbox message {Id} failed", 42, new InvalidOperationException("vendor said no\nsecond line"));

        using var json = JsonDocument.Parse(line);
        Assert.Equal("ERROR", json.RootElement.GetProperty("severity").GetString());
        Assert.Contains("vendor said no", json.RootElement.GetProperty("exception").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\n", line.TrimEnd('\n'), StringComparison.Ordinal);
    }

    private static string Write(LogLevel level, string format, object first, object second, Exception? exception = null) =>
        Write(level, format, [first, second], exception);

    private static string Write(LogLevel level, string format, object first, Exception exception) =>
        Write(level, format, [first], exception);

    private static string Write(LogLevel level, string format, object[] args, Exception? exception)
    {
        var options = new OptionsMonitorStub(new PaceJsonConsoleFormatterOptions { ServiceName = "pace-web" });
        using var formatter = new PaceJsonConsoleFormatter(options);
        var state = new FormattedState(format, args);
        var entry = new LogEntry<FormattedState>(
            level, "Pace.Tests", new EventId(7, "Test"), state, exception, (s, _) => s.ToString());
        using var writer = new StringWriter();
        formatter.Write(entry, new LoggerExternalScopeProvider(), writer);
        return writer.ToString();
    }

    /// <summary>The structured state the logging extensions build from a message template.</summary>
    private sealed class FormattedState(string format, object[] args) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly List<KeyValuePair<string, object?>> _values = Names(format).Zip(args, (n, v) => new KeyValuePair<string, object?>(n, v))
            .Append(new KeyValuePair<string, object?>("{OriginalFormat}", format)).ToList();

        public int Count => _values.Count;

        public KeyValuePair<string, object?> this[int index] => _values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString()
        {
            var text = format;
            foreach (var (name, value) in _values.SkipLast(1))
            {
                text = text.Replace("{" + name + "}", Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }

            return text;
        }

        private static IEnumerable<string> Names(string format) =>
            System.Text.RegularExpressions.Regex.Matches(format, "{([A-Za-z]+)}").Select(m => m.Groups[1].Value);
    }

    private sealed class OptionsMonitorStub(PaceJsonConsoleFormatterOptions value) : IOptionsMonitor<PaceJsonConsoleFormatterOptions>
    {
        public PaceJsonConsoleFormatterOptions CurrentValue => value;

        public PaceJsonConsoleFormatterOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<PaceJsonConsoleFormatterOptions, string?> listener) => null;
    }
}
