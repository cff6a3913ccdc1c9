using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Identity;

namespace Pace.Web.Applicants;

/// <summary>
/// Likely duplicates of a person: the same phone or email, or a similar name (trigram similarity) with a phone that
/// ends in the same seven digits (the same mobile typed with another operator prefix or country code). Every
/// record is searched, so a lead another agent already owns is flagged; who it is shows only to those who may see it.
/// </summary>
public static class ApplicantDuplicates
{
    private const int MaxResults = 10;

    public static async Task<IReadOnlyList<DuplicateMatch>> FindAsync(
        PaceDbContext db, Actor actor, Guid? self, string fullName, IReadOnlyCollection<string> phones, IReadOnlyCollection<string> emails,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var phoneList = phones.ToArray();
        var emailList = emails.ToArray();
        var suffixes = phoneList.Where(p => p.Length >= 8).Select(p => p[^7..]).Distinct().ToArray();
        var exclude = self ?? Guid.Empty;

        var byPhone = await db.ApplicantPhones.AsNoTracking()
            .Where(p => phoneList.Contains(p.Number) && p.ApplicantId != exclude)
            .Select(p => new { p.ApplicantId, p.Number }).Take(50).ToListAsync(cancellationToken);
        var byEmail = await db.ApplicantEmails.AsNoTracking()
            .Where(e => emailList.Contains(e.Address) && e.ApplicantId != exclude)
            .Select(e => new { e.ApplicantId, e.Address }).Take(50).ToListAsync(cancellationToken);
        var byName = suffixes.Length == 0 || fullName.Length < 3
            ? []
            : await db.Database.SqlQuery<Guid>($"""
                SELECT DISTINCT a.id AS "Value"
                FROM applicant_phones p
                JOIN applicants a ON a.id = p.applicant_id
                WHERE p.number_suffix = ANY({suffixes}) AND a.id <> {exclude} AND a.full_name % {fullName}
                LIMIT 50
                """).ToListAsync(cancellationToken);

        var reasons = new Dictionary<Guid, List<string>>();
        void Add(Guid id, string reason)
        {
            if (!reasons.TryGetValue(id, out var list))
            {
                reasons[id] = list = [];
            }

            if (!list.Contains(reason, StringComparer.Ordinal))
            {
                list.Add(reason);
            }
        }

        foreach (var p in byPhone)
        {
            Add(p.ApplicantId, $"same phone {p.Number}");
        }

        foreach (var e in byEmail)
        {
            Add(e.ApplicantId, $"same email {e.Address}");
        }

        foreach (var id in byName)
        {
            Add(id, "similar name and a phone ending in the same digits");
        }

        if (reasons.Count == 0)
        {
            return [];
        }

        var ids = reasons.Keys.ToList();
        var visible = (await db.Applicants.AsNoTracking().VisibleTo(actor, db.Users).Where(a => ids.Contains(a.Id))
            .Select(a => a.Id).ToListAsync(cancellationToken)).ToHashSet();
        var records = await db.Applicants.AsNoTracking()
            .Where(a => ids.Contains(a.Id) && a.MergedIntoId == null)
            .Select(a => new { a.Id, a.FullName, a.Stage, Agent = a.AssignedAgent != null ? a.AssignedAgent.DisplayName : null, a.CreatedAt })
            .ToListAsync(cancellationToken);

        return [.. records
            .OrderByDescending(r => reasons[r.Id].Count).ThenBy(r => r.CreatedAt)
            .Take(MaxResults)
            .Select(r => visible.Contains(r.Id)
                ? new DuplicateMatch(r.Id, r.FullName, r.Stage, r.Agent, Visible: true, reasons[r.Id])
                : new DuplicateMatch(null, null, null, r.Agent, Visible: false, reasons[r.Id]))];
    }
}
