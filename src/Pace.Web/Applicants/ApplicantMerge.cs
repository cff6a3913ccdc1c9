using Microsoft.EntityFrameworkCore;
using Pace.Activities;
using Pace.Applicants;
using Pace.Data;

namespace Pace.Web.Applicants;

/// <summary>
/// Merges a duplicate into the record that survives: everything that points at the duplicate (timeline, viewings,
/// offers, deals, requirements, listings it owns, phones, emails, consent) is moved to the survivor, and the
/// duplicate stays behind as a tombstone pointing at it, so old links still resolve.
/// </summary>
public static class ApplicantMerge
{
    /// <summary>
    /// Columns that reference an applicant and simply move to the survivor. Together with <see cref="Deduplicated"/>
    /// they must name every foreign key to <c>applicants</c>: a test compares them with the database's catalog, so a
    /// new table pointing at applicants cannot be forgotten by the merge.
    /// </summary>
    public static readonly IReadOnlyList<(string Table, string Column)> Moved =
    [
        ("activities", "applicant_id"),
        ("requirements", "applicant_id"),
        ("viewings", "applicant_id"),
        ("offers", "applicant_id"),
        ("deals", "applicant_id"),
        ("listings", "owner_id"),
        ("applicants", "merged_into_id"),
    ];

    /// <summary>Columns whose rows are unique per applicant: the survivor keeps its own and takes the rest.</summary>
    public static readonly IReadOnlyList<(string Table, string Column)> Deduplicated =
    [
        ("applicant_phones", "applicant_id"),
        ("applicant_emails", "applicant_id"),
        ("consents", "applicant_id"),
        ("not_interested_marks", "applicant_id"),
    ];

    /// <summary>Moves everything of <paramref name="duplicate"/> to <paramref name="survivor"/>; the caller saves and commits.</summary>
    public static async Task<Dictionary<string, int>> MergeAsync(
        PaceDbContext db, Applicant survivor, Applicant duplicate, Guid? actingUserId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(survivor);
        ArgumentNullException.ThrowIfNull(duplicate);
        var (keep, gone) = (survivor.Id, duplicate.Id);
        var moved = new Dictionary<string, int>(StringComparer.Ordinal);

        // The survivor keeps its own phone, email or consent where both have one (the newer consent wins).
        moved["applicant_phones"] = await MoveUniqueAsync(db, "applicant_phones", "number", keep, gone, cancellationToken);
        moved["applicant_emails"] = await MoveUniqueAsync(db, "applicant_emails", "address", keep, gone, cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"""
            DELETE FROM consents s USING consents d
            WHERE s.applicant_id = {keep} AND d.applicant_id = {gone} AND d.channel = s.channel AND d.recorded_at > s.recorded_at
            """, cancellationToken);
        moved["consents"] = await MoveUniqueAsync(db, "consents", "channel", keep, gone, cancellationToken);
        // A listing either of them turned down stays out of the survivor's matches.
        moved["not_interested_marks"] = await MoveUniqueAsync(db, "not_interested_marks", "listing_id", keep, gone, cancellationToken);

        foreach (var (table, column) in Moved)
        {
            // Table and column names come from the list above, never from input; the ids are parameters.
            var sql = "UPDATE " + table + " SET " + column + " = {0} WHERE " + column + " = {1} AND id <> {0}";
            moved[table + "." + column] = await db.Database.ExecuteSqlRawAsync(sql, [keep, gone], cancellationToken);
        }

        survivor.Tags = [.. survivor.Tags.Union(duplicate.Tags, StringComparer.Ordinal)];
        survivor.Notes = string.IsNullOrWhiteSpace(duplicate.Notes) ? survivor.Notes
            : string.IsNullOrWhiteSpace(survivor.Notes) ? duplicate.Notes
            : survivor.Notes + "\n\n" + duplicate.Notes;
        survivor.FirstContactedAt = Earliest(survivor.FirstContactedAt, duplicate.FirstContactedAt);
        survivor.LastActivityAt = Latest(survivor.LastActivityAt, duplicate.LastActivityAt);
        survivor.Language ??= duplicate.Language;
        survivor.Nationality ??= duplicate.Nationality;
        survivor.LastName ??= duplicate.LastName;
        survivor.AssignedAgentId ??= duplicate.AssignedAgentId;
        if (survivor.ExternalId is null && duplicate.ExternalId is not null)
        {
            // The import id follows the person, so a re-run of the import updates the survivor.
            (survivor.ExternalId, duplicate.ExternalId) = (duplicate.ExternalId, null);
        }

        duplicate.MergedIntoId = keep;
        db.Activities.Add(new Activity
        {
            Kind = ActivityKind.System,
            ApplicantId = keep,
            UserId = actingUserId,
            OccurredAt = now,
            Subject = "Merged",
            Body = $"Merged {duplicate.FullName} into this record.",
            Data = System.Text.Json.JsonSerializer.Serialize(new { mergedId = gone, moved }),
        });
        return moved;
    }

    private static async Task<int> MoveUniqueAsync(PaceDbContext db, string table, string key, Guid keep, Guid gone, CancellationToken cancellationToken)
    {
        // Table and key names come from this class, never from input; the ids are parameters.
        var delete = "DELETE FROM " + table + " d WHERE d.applicant_id = {1} AND EXISTS (SELECT 1 FROM " + table
            + " s WHERE s.applicant_id = {0} AND s." + key + " = d." + key + ")";
        await db.Database.ExecuteSqlRawAsync(delete, [keep, gone], cancellationToken);
        var primary = table is "applicant_phones" or "applicant_emails" ? ", is_primary = false" : "";
        var update = "UPDATE " + table + " SET applicant_id = {0}" + primary + " WHERE applicant_id = {1}";
        return await db.Database.ExecuteSqlRawAsync(update, [keep, gone], cancellationToken);
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
