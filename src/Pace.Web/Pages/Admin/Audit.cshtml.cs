using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pace.Common;
using Pace.Data;
using Pace.Web.Audit;
using Pace.Web.Identity;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Admin;

/// <summary>
/// The audit log, newest first, through the audit API's own handler: by actor (their email), record type and id,
/// action (a whole family with a trailing dot: <c>listing.</c>) and Dubai days; keyset pages, never a count.
/// </summary>
[Authorize(Policy = PacePolicies.Admin)]
public sealed class AuditModel(PaceDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EntityId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public AuditPage Entries { get; private set; } = new([], null);

    public FormErrors Errors { get; private set; } = new();

    public DateTimeOffset Now { get; private set; }

    public bool Filtered => new[] { Actor, EntityType, EntityId, Action }.Any(v => !string.IsNullOrWhiteSpace(v)) || From is not null || To is not null;

    public string QueryFor(string? cursor) => QueryString.Create(new Dictionary<string, string?>
    {
        ["actor"] = Actor, ["entityType"] = EntityType, ["entityId"] = EntityId, ["action"] = Action,
        ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["cursor"] = cursor,
    }.Where(p => !string.IsNullOrWhiteSpace(p.Value))).ToUriComponent();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Guid? actorId = null;
        if (!string.IsNullOrWhiteSpace(Actor))
        {
            var email = Actor.Trim().ToLowerInvariant();
            actorId = await db.Users.AsNoTracking().Where(u => u.Email == email).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
            if (actorId is null)
            {
                errors["actor"] = [$"Nobody has the email {email}."];
            }
        }

        Guid? entityId = null;
        if (!string.IsNullOrWhiteSpace(EntityId))
        {
            if (Guid.TryParse(EntityId.Trim(), out var parsed))
            {
                entityId = parsed;
            }
            else
            {
                errors["entityId"] = ["A record id looks like 0190f1c2-7a3b-7c4d-9e5f-a1b2c3d4e5f6."];
            }
        }

        if (errors.Count > 0)
        {
            Errors = new FormErrors(errors);
            return;
        }

        // Days are Dubai days, both included: from the start of the first to the start of the day after the last.
        var outcome = ApiOutcome.From<AuditPage>(await AuditApi.ListAsync(
            db, string.IsNullOrWhiteSpace(EntityType) ? null : EntityType.Trim(), entityId, actorId,
            string.IsNullOrWhiteSpace(Action) ? null : Action.Trim(),
            From is { } from ? DubaiTime.StartOf(from) : null, To is { } to ? DubaiTime.StartOf(to.AddDays(1)) : null,
            string.IsNullOrEmpty(Cursor) ? null : Cursor, 50, cancellationToken));
        Entries = outcome.Value ?? Entries;
        Errors = new FormErrors(outcome.Errors);
    }

    /// <summary>What changed, one line a field: <c>role: agent → manager</c>; other data as compact JSON.</summary>
    public static string Describe(JsonElement? data)
    {
        if (data is not { ValueKind: JsonValueKind.Object } value)
        {
            return "";
        }

        if (value.TryGetProperty("changes", out var changes) && changes.ValueKind == JsonValueKind.Object)
        {
            return string.Join("\n", changes.EnumerateObject().Select(c => c.Value.ValueKind == JsonValueKind.Array && c.Value.GetArrayLength() == 2
                ? $"{c.Name}: {Plain(c.Value[0])} → {Plain(c.Value[1])}"
                : $"{c.Name}: {c.Value.GetRawText()}"));
        }

        return string.Join("\n", value.EnumerateObject().Select(p => $"{p.Name}: {Plain(p.Value)}"));
    }

    private static string Plain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "–",
        JsonValueKind.String => value.GetString() ?? "",
        _ => value.GetRawText(),
    };
}
