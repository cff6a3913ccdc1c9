using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pace.Activities;
using Pace.Applicants;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Identity;

namespace Pace.Web.Applicants;

/// <summary>How applicants are read back: the full record for its page, and the row of a list.</summary>
public static class ApplicantReads
{
    /// <summary>A list row; the primary phone and email come from correlated subqueries on the page's rows only.</summary>
    public static readonly Expression<Func<Applicant, ApplicantSummary>> Summary = a => new ApplicantSummary(
        a.Id, a.Kind, a.FullName, a.Stage, a.StageChangedAt, a.Source, a.AssignedAgentId,
        a.AssignedAgent != null ? a.AssignedAgent.DisplayName : null,
        a.Phones.OrderByDescending(p => p.IsPrimary).ThenBy(p => p.Number).Select(p => p.Number).FirstOrDefault(),
        a.Emails.OrderByDescending(e => e.IsPrimary).ThenBy(e => e.Address).Select(e => e.Address).FirstOrDefault(),
        a.Tags, a.LastActivityAt, a.CreatedAt);

    /// <summary>The applicant with everything its page shows, and its version for the ETag; null when not visible.</summary>
    /// <remarks>A null <paramref name="actor"/> reads without the filter: only for answering a write the caller just made.</remarks>
    public static async Task<(ApplicantInfo Info, uint Version)?> FindAsync(
        PaceDbContext db, Actor? actor, Guid id, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var applicants = db.Applicants.AsNoTracking();
        var row = await (actor is null ? applicants : applicants.VisibleTo(actor, db.Users))
            .Where(a => a.Id == id)
            .Select(a => new
            {
                Applicant = a,
                AgentName = a.AssignedAgent != null ? a.AssignedAgent.DisplayName : null,
                Phones = a.Phones.OrderByDescending(p => p.IsPrimary).ThenBy(p => p.Number).ToList(),
                Emails = a.Emails.OrderByDescending(e => e.IsPrimary).ThenBy(e => e.Address).Select(e => e.Address).ToList(),
                Requirements = a.Requirements.OrderByDescending(r => r.IsActive).ThenBy(r => r.CreatedAt).ToList(),
                Consents = a.Consents.OrderBy(c => c.Channel).ToList(),
            })
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var changes = await db.Activities.AsNoTracking()
            .Where(x => x.ApplicantId == id && x.Kind == ActivityKind.StageChange)
            .OrderBy(x => x.OccurredAt).ThenBy(x => x.Id)
            .Select(x => new { x.OccurredAt, x.Data })
            .ToListAsync(cancellationToken);

        var a = row.Applicant;
        var info = new ApplicantInfo(
            a.Id, a.Kind, a.FirstName, a.LastName, a.FullName, a.Language, a.Nationality, a.Source, a.SourceDetail, a.Stage,
            a.StageChangedAt, a.LostReason, a.AssignedAgentId, row.AgentName, a.AssignedAt, a.FirstContactedAt, a.LastActivityAt,
            a.Tags, a.Notes, a.MergedIntoId,
            [.. row.Phones.Select(p => new ApplicantPhoneInfo(p.Number, p.Label, p.IsPrimary, p.IsWhatsApp))],
            row.Emails,
            [.. row.Requirements.Select(ToInfo)],
            [.. row.Consents.Select(c => new ConsentInfo(c.Channel, c.Granted, c.Source, c.RecordedAt))],
            StageHistory(a, changes.Select(c => (c.OccurredAt, ReadTo(c.Data))), clock.GetUtcNow()),
            a.CreatedAt, a.UpdatedAt);
        return (info, a.Version);
    }

    public static RequirementInfo ToInfo(Requirement r) => new(
        r.Id, r.Purpose, r.Category, r.PropertyTypes, r.LocationIds, r.BedroomsMin, r.BedroomsMax, r.BathroomsMin, r.BudgetMin,
        r.BudgetMax, r.Currency, r.SizeMinSqft, r.SizeMaxSqft, r.MoveInBy, r.Furnishing, r.CompletionStatus, r.IsActive, r.Notes,
        r.CreatedAt, r.UpdatedAt);

    /// <summary>
    /// The time spent in each stage, from the stage changes on the timeline: the applicant entered New when created
    /// and each change opens the next period. The current stage's period runs to now.
    /// </summary>
    public static IReadOnlyList<StagePeriod> StageHistory(Applicant applicant, IEnumerable<(DateTimeOffset At, ApplicantStage? To)> changes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        var periods = new List<StagePeriod>();
        var stage = ApplicantStage.New;
        var since = applicant.CreatedAt;
        foreach (var (at, to) in changes)
        {
            if (to is not { } next || next == stage)
            {
                continue;
            }

            periods.Add(new StagePeriod(stage, since, at, (long)(at - since).TotalSeconds));
            (stage, since) = (next, at);
        }

        if (stage != applicant.Stage)
        {
            // A change the timeline does not hold (an import): the current stage began when the record says.
            periods.Add(new StagePeriod(stage, since, applicant.StageChangedAt, (long)(applicant.StageChangedAt - since).TotalSeconds));
            (stage, since) = (applicant.Stage, applicant.StageChangedAt);
        }

        periods.Add(new StagePeriod(stage, since, null, (long)(now - since).TotalSeconds));
        return periods;
    }

    private static ApplicantStage? ReadTo(string? data)
    {
        if (data is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(data);
        return json.RootElement.TryGetProperty("to", out var to) && to.GetString() is { } code
            ? Enum.GetValues<ApplicantStage>().Cast<ApplicantStage?>().FirstOrDefault(s => TimelineEntries.StageCode(s!.Value) == code)
            : null;
    }
}
