using Microsoft.EntityFrameworkCore;
using Pace.Applicants;
using Pace.Common;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Identity;
using Pace.Web.Common;

namespace Pace.Web.Applicants;

public enum ApplicantSort
{
    /// <summary>Newest first (created_at, id descending): the default, and the agent's list index.</summary>
    Newest,

    /// <summary>By full name, then id.</summary>
    Name,

    /// <summary>Longest in their stage first: who has been waiting.</summary>
    StageAge,
}

/// <summary>What an applicant list asks for; <see cref="Q"/> is a name prefix, a phone in any format, or an email.</summary>
public sealed record ApplicantQuery(
    string? Q = null, ApplicantStage? Stage = null, Guid? AgentId = null, bool? Unassigned = null, LeadSource? Source = null,
    string? Tag = null, ApplicantSort Sort = ApplicantSort.Newest, string? Cursor = null, int Limit = 50);

/// <summary>
/// Applicant lists and quick search over the caller's visible applicants, keyset-paged on the sort key and id, with
/// no count. A phone is looked up by its E.164 form (the call-center screen pop), an email exactly, and a name
/// by the prefix of any of its words through the trigram index.
/// </summary>
public static class ApplicantSearch
{
    public const int MaxLimit = 200;

    public static Dictionary<string, string[]> Validate(ApplicantQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = ApiProblems.Errors();
        if (query.Limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        if (query.Q is { Length: > 200 })
        {
            errors["q"] = ["q must be at most 200 characters."];
        }

        if (query.Cursor is not null && KeysetCursor.Decode<Position>(query.Cursor) is not { } position)
        {
            errors["cursor"] = ["cursor is not one this API returned."];
        }

        if (query.Unassigned == true && query.AgentId is not null)
        {
            errors["unassigned"] = ["Ask for unassigned applicants or for an agent's, not both."];
        }

        return errors;
    }

    public static async Task<ApplicantPage> SearchAsync(PaceDbContext db, Actor actor, ApplicantQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var applicants = db.Applicants.AsNoTracking().VisibleTo(actor, db.Users).Where(a => a.MergedIntoId == null);
        applicants = Match(db, applicants, query.Q?.Trim());

        if (query.Stage is { } stage)
        {
            applicants = applicants.Where(a => a.Stage == stage);
        }

        if (query.AgentId is { } agent)
        {
            applicants = applicants.Where(a => a.AssignedAgentId == agent);
        }

        if (query.Unassigned == true)
        {
            applicants = applicants.Where(a => a.AssignedAgentId == null);
        }

        if (query.Source is { } source)
        {
            applicants = applicants.Where(a => a.Source == source);
        }

        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = query.Tag.Trim().ToLowerInvariant();
            applicants = applicants.Where(a => a.Tags.Contains(tag));
        }

        var after = query.Cursor is null ? null : KeysetCursor.Decode<Position>(query.Cursor);
        IQueryable<Applicant> ordered;
        switch (query.Sort)
        {
            case ApplicantSort.Name:
                if (after is not null)
                {
                    applicants = applicants.Where(a => EF.Functions.GreaterThan(ValueTuple.Create(a.FullName, a.Id), ValueTuple.Create(after.Name ?? "", after.Id)));
                }

                ordered = applicants.OrderBy(a => a.FullName).ThenBy(a => a.Id);
                break;
            case ApplicantSort.StageAge:
                if (after is not null)
                {
                    applicants = applicants.Where(a => EF.Functions.GreaterThan(ValueTuple.Create(a.StageChangedAt, a.Id), ValueTuple.Create(after.At, after.Id)));
                }

                ordered = applicants.OrderBy(a => a.StageChangedAt).ThenBy(a => a.Id);
                break;
            default:
                if (after is not null)
                {
                    applicants = applicants.Where(a => EF.Functions.LessThan(ValueTuple.Create(a.CreatedAt, a.Id), ValueTuple.Create(after.At, after.Id)));
                }

                ordered = applicants.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id);
                break;
        }

        var rows = await ordered.Take(query.Limit + 1).Select(ApplicantReads.Summary).ToListAsync(cancellationToken);
        var items = rows.Take(query.Limit).ToList();
        string? next = null;
        if (rows.Count > query.Limit)
        {
            var last = items[^1];
            next = KeysetCursor.Encode(query.Sort switch
            {
                ApplicantSort.Name => new Position(default, last.FullName, last.Id),
                ApplicantSort.StageAge => new Position(last.StageChangedAt, null, last.Id),
                _ => new Position(last.CreatedAt, null, last.Id),
            });
        }

        return new ApplicantPage(items, next);
    }

    /// <summary>Whether <paramref name="q"/> reads as a phone number: digits and phone punctuation, at least seven digits.</summary>
    public static bool LooksLikePhone(string q) =>
        q.Count(char.IsAsciiDigit) >= 7 && q.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.');

    private static IQueryable<Applicant> Match(PaceDbContext db, IQueryable<Applicant> applicants, string? q)
    {
        if (string.IsNullOrEmpty(q))
        {
            return applicants;
        }

        if (LooksLikePhone(q))
        {
            if (!PhoneNumber.TryParse(q, out var phone))
            {
                return applicants.Where(_ => false);
            }

            var number = phone.Value;
            return applicants.Where(a => db.ApplicantPhones.Any(p => p.ApplicantId == a.Id && p.Number == number));
        }

        if (q.Contains('@', StringComparison.Ordinal))
        {
            var email = q.ToLowerInvariant();
            return applicants.Where(a => db.ApplicantEmails.Any(e => e.ApplicantId == a.Id && e.Address == email));
        }

        var word = ApiProblems.EscapeLike(q);
        return applicants.Where(a => EF.Functions.ILike(a.FullName, word + "%", "\\") || EF.Functions.ILike(a.FullName, "% " + word + "%", "\\"));
    }

    /// <summary>The position after the last row of a page: the sort key (a time or a name) and the id.</summary>
    private sealed record Position(DateTimeOffset At, string? Name, Guid Id);
}
