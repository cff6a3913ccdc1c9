using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Listings;
using Pace.Settings;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Admin;

/// <summary>A setting PACE reads from the database, with its current value (or its default when never set).</summary>
public sealed record SettingInfo(
    string Key, string Label, string Description, string Unit, string Value, string DefaultValue, bool IsDefault,
    DateTimeOffset? UpdatedAt, string? UpdatedByName);

public sealed record UpdateSettingRequest(string? Value);

/// <summary>
/// The run-time settings an admin changes without a deploy. Only settings PACE knows are listed and accepted, each
/// validated by the rule that reads it, so a typo can never leave a value nobody reads or one the reader would
/// silently replace by its default. Changes are audited by the interceptor (before and after).
/// </summary>
public static class SettingsApi
{
    /// <summary>Every setting PACE reads from the <c>settings</c> table.</summary>
    public static readonly IReadOnlyList<KnownSetting> Known =
    [
        new(
            PriceChangePolicy.SettingKey,
            "Price change needing approval",
            "A change of a live listing's price by more than this share waits for the manager's approval.",
            "%",
            PriceChangePolicy.DefaultPercent.ToString(CultureInfo.InvariantCulture),
            value => decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100
                ? percent.ToString("0.##", CultureInfo.InvariantCulture)
                : null,
            "A percentage from 0 to 100, e.g. 10 or 12.5."),
    ];

    public static RouteGroupBuilder MapSettingsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync).WithName("ListSettings");
        group.MapPut("/{key}", UpdateAsync).WithName("UpdateSetting").ProducesProblems(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<Ok<List<SettingInfo>>> ListAsync(PaceDbContext db, CancellationToken cancellationToken)
    {
        var keys = Known.Select(k => k.Key).ToList();
        var stored = await db.Settings.AsNoTracking()
            .Where(s => keys.Contains(s.Key))
            .Select(s => new { s.Key, s.Value, s.UpdatedAt, Name = db.Users.Where(u => u.Id == s.UpdatedById).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(Known.Select(k =>
        {
            var row = stored.SingleOrDefault(s => s.Key == k.Key);
            return row is null
                ? Info(k, null, null, null)
                : Info(k, row.Value, row.UpdatedAt, row.Name);
        }).ToList());
    }

    internal static async Task<Results<Ok<SettingInfo>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string key, UpdateSettingRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var known = Known.SingleOrDefault(k => k.Key == key);
        if (known is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"PACE has no setting '{key}'.");
        }

        var value = known.Normalize(request.Value?.Trim() ?? "");
        if (value is null)
        {
            var errors = ApiProblems.Errors();
            errors["value"] = [known.Rule];
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.GetUtcNow();
        var userId = context.User.ToActor().UserId;
        var setting = await db.Settings.SingleOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (setting is null)
        {
            db.Settings.Add(new Setting { Key = key, Value = value, UpdatedAt = now, UpdatedById = userId });
        }
        else
        {
            setting.Value = value;
            setting.UpdatedAt = now;
            setting.UpdatedById = userId;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another admin saved the same setting at this moment (a concurrent insert, or a changed version).
            return ApiProblems.Conflict("Changed meanwhile", "Another admin changed this setting at the same time. Reload and try again.");
        }

        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return TypedResults.Ok(Info(known, value, now, name));
    }

    private static SettingInfo Info(KnownSetting known, string? stored, DateTimeOffset? updatedAt, string? updatedBy)
    {
        var value = stored is null ? known.DefaultValue : known.Normalize(stored.Trim().Trim('"')) ?? known.DefaultValue;
        return new SettingInfo(known.Key, known.Label, known.Description, known.Unit, value, known.DefaultValue, stored is null, updatedAt, updatedBy);
    }
}

/// <summary>
/// A setting PACE reads: <see cref="Normalize"/> answers the value as stored (JSON text), or null when
/// <paramref name="Rule"/> is broken.
/// </summary>
public sealed record KnownSetting(
    string Key, string Label, string Description, string Unit, string DefaultValue, Func<string, string?> Normalize, string Rule);
