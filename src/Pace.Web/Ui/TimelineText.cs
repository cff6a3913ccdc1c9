using System.Globalization;
using System.Text.Json;
using Pace.Activities;
using Pace.Common;
using Pace.Web.Activities;

namespace Pace.Web.Ui;

/// <summary>The line under a timeline entry that says what its data holds: a stage change, a call's outcome, an offer's amount.</summary>
public static class TimelineText
{
    public static string? Describe(TimelineItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Data is not { ValueKind: JsonValueKind.Object } data)
        {
            return null;
        }

        return item.Kind switch
        {
            // The subject already says "Stage: Qualified → Viewing" when the change was logged with one.
            ActivityKind.StageChange when item.Subject is null && Text(data, "from") is { } from && Text(data, "to") is { } to =>
                $"{Words(from)} → {Words(to)}" + (Text(data, "reason") is { } reason ? $" ({Words(reason)})" : ""),
            ActivityKind.StageChange => Text(data, "reason") is { } lost ? "Reason: " + Words(lost) : null,
            ActivityKind.Call => Join(
                Text(data, "outcome") is { } outcome ? Words(outcome) : null,
                data.TryGetProperty("durationSeconds", out var seconds) && seconds.TryGetInt32(out var s) && s > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, (s + 30) / 60)} min")
                    : null),
            ActivityKind.Offer when data.TryGetProperty("amountMinor", out var amount) && amount.TryGetInt64(out var minor) =>
                Join(new Money(minor, Text(data, "currency") ?? Money.Aed).ToString(), Text(data, "status") is { } status ? Words(status) : null),
            _ => null,
        };
    }

    private static string? Text(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary><c>no_answer</c> → <c>No answer</c>.</summary>
    private static string Words(string code)
    {
        var text = code.Replace('_', ' ');
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static string? Join(params string?[] parts)
    {
        var present = parts.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return present.Count == 0 ? null : string.Join(" · ", present);
    }
}
