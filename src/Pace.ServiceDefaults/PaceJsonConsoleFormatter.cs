using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace Pace.ServiceDefaults;

public sealed class PaceJsonConsoleFormatterOptions : ConsoleFormatterOptions
{
    public string ServiceName { get; set; } = "pace";
}

/// <summary>
/// One JSON object per line in the shape Cloud Logging ingests: <c>severity</c>, <c>message</c>, <c>time</c>, the
/// trace and span of the current activity (as <c>logging.googleapis.com/trace</c> when the Google Cloud project is
/// known), and the structured state of the message.
/// </summary>
public sealed class PaceJsonConsoleFormatter : ConsoleFormatter, IDisposable
{
    public const string FormatterName = "pace-json";

    private readonly IDisposable? _reload;
    private readonly string? _gcpProject = Environment.GetEnvironmentVariable("GOOGLE_CLOUD_PROJECT");
    private PaceJsonConsoleFormatterOptions _options;

    public PaceJsonConsoleFormatter(IOptionsMonitor<PaceJsonConsoleFormatterOptions> options)
        : base(FormatterName)
    {
        _options = options.CurrentValue;
        _reload = options.OnChange(o => _options = o);
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", DateTimeOffset.UtcNow);
            json.WriteString("severity", Severity(logEntry.LogLevel));
            json.WriteString("service", _options.ServiceName);
            json.WriteString("category", logEntry.Category);
            json.WriteString("message", message);
            if (logEntry.EventId.Id != 0 || logEntry.EventId.Name is not null)
            {
                json.WriteNumber("eventId", logEntry.EventId.Id);
                if (logEntry.EventId.Name is not null)
                {
                    json.WriteString("eventName", logEntry.EventId.Name);
                }
            }

            var activity = Activity.Current;
            if (activity is not null)
            {
                var traceId = activity.TraceId.ToHexString();
                json.WriteString("traceId", traceId);
                json.WriteString("spanId", activity.SpanId.ToHexString());
                if (_gcpProject is not null)
                {
                    json.WriteString("logging.googleapis.com/trace", $"projects/{_gcpProject}/traces/{traceId}");
                    json.WriteString("logging.googleapis.com/spanId", activity.SpanId.ToHexString());
                }
            }

            if (logEntry.Exception is not null)
            {
                json.WriteString("exception", logEntry.Exception.ToString());
            }

            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> state)
            {
                WriteState(json, state);
            }

            json.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write('\n');
    }

    private static void WriteState(Utf8JsonWriter json, IReadOnlyList<KeyValuePair<string, object?>> state)
    {
        var written = false;
        foreach (var (key, value) in state)
        {
            if (key == "{OriginalFormat}")
            {
                continue;
            }

            if (!written)
            {
                json.WriteStartObject("state");
                written = true;
            }

            switch (value)
            {
                case null: json.WriteNull(key); break;
                case bool b: json.WriteBoolean(key, b); break;
                case int or long or short or byte: json.WriteNumber(key, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
                case double d when double.IsFinite(d): json.WriteNumber(key, d); break;
                case float f when float.IsFinite(f): json.WriteNumber(key, f); break;
                case decimal m: json.WriteNumber(key, m); break;
                default: json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }

        if (written)
        {
            json.WriteEndObject();
        }
    }

    private static string Severity(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "DEBUG",
        LogLevel.Information => "INFO",
        LogLevel.Warning => "WARNING",
        LogLevel.Error => "ERROR",
        LogLevel.Critical => "CRITICAL",
        _ => "DEFAULT",
    };

    public void Dispose() => _reload?.Dispose();
}
