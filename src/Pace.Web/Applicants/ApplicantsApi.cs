using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pace.Applicants;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Web.Identity;

namespace Pace.Web.Applicants;

public sealed record ApplicantPhoneInfo(string Number, string? Label, bool IsPrimary, bool IsWhatsApp);

/// <summary>An applicant as the people who may see them read them.</summary>
public sealed record ApplicantInfo(
    Guid Id, ContactKind Kind, string FirstName, string? LastName, string FullName, string? Language, string? Nationality,
    LeadSource Source, ApplicantStage Stage, DateTimeOffset StageChangedAt, Guid? AssignedAgentId, string[] Tags,
    IReadOnlyList<ApplicantPhoneInfo> Phones, IReadOnlyList<string> Emails, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// Applicants over the REST API. Every read goes through <see cref="Visibility"/>: a record the caller may not see
/// answers 404, exactly like one that does not exist.
/// </summary>
public static class ApplicantsApi
{
    public static RouteGroupBuilder MapApplicantsApi(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(PacePolicies.Staff);
        group.MapGet("/{id:guid}", GetAsync).WithName("GetApplicant");
        return group;
    }

    internal static async Task<Results<Ok<ApplicantInfo>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var row = await db.Applicants.AsNoTracking()
            .VisibleTo(actor, db.Users)
            .Where(a => a.Id == id)
            .Select(a => new
            {
                a.Version,
                Info = new ApplicantInfo(
                a.Id, a.Kind, a.FirstName, a.LastName, a.FullName, a.Language, a.Nationality, a.Source, a.Stage, a.StageChangedAt,
                a.AssignedAgentId, a.Tags,
                a.Phones.OrderByDescending(p => p.IsPrimary).ThenBy(p => p.Number)
                    .Select(p => new ApplicantPhoneInfo(p.Number, p.Label, p.IsPrimary, p.IsWhatsApp)).ToList(),
                a.Emails.OrderByDescending(e => e.IsPrimary).ThenBy(e => e.Address).Select(e => e.Address).ToList(),
                a.CreatedAt, a.UpdatedAt),
            })
            .SingleOrDefaultAsync(cancellationToken);

        if (row is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"There is no applicant {id}.");
        }

        context.Response.Headers.ETag = $"\"{row.Version}\"";
        return TypedResults.Ok(row.Info);
    }
}
