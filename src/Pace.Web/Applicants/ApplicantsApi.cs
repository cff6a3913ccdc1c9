using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pace.Activities;
using Pace.Applicants;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Identity;
using Pace.Web.Api.Idempotency;
using Pace.Web.Audit;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Applicants;

/// <summary>
/// Applicants over the REST API. Every read and write goes through <see cref="Visibility"/>: a record the caller
/// may not see answers 404, exactly like one that does not exist. Who may see an applicant may also change it.
/// </summary>
public static class ApplicantsApi
{
    public static RouteGroupBuilder MapApplicantsApi(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(PacePolicies.Staff);
        group.MapGet("/", ListAsync).WithName("ListApplicants");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetApplicant").ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateApplicant").Idempotent();
        group.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateApplicant").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteApplicant").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id:guid}/stage", ChangeStageAsync).WithName("ChangeApplicantStage").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/duplicates", DuplicatesAsync).WithName("FindApplicantDuplicates").ProducesProblems(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/merge", MergeAsync).WithName("MergeApplicants").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/assign", AssignAsync).WithName("AssignApplicant").ProducesProblems(StatusCodes.Status404NotFound).RequireAuthorization(PacePolicies.ManagerOrAdmin);
        group.MapPost("/reassign", BulkReassignAsync).WithName("ReassignApplicants").RequireAuthorization(PacePolicies.ManagerOrAdmin);
        group.MapPost("/{id:guid}/requirements", AddRequirementAsync).WithName("AddRequirement").Idempotent().ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}/requirements/{requirementId:guid}", ReplaceRequirementAsync).WithName("ReplaceRequirement").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status412PreconditionFailed, StatusCodes.Status428PreconditionRequired);
        group.MapDelete("/{id:guid}/requirements/{requirementId:guid}", DeleteRequirementAsync).WithName("DeleteRequirement").ProducesProblems(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<Results<Ok<ApplicantPage>, ValidationProblem>> ListAsync(
        HttpContext context, PaceDbContext db, string? q, string? stage, Guid? agentId, bool? unassigned, string? source, string? tag,
        string? sort, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        SnakeCaseNaming.Parse<ApplicantStage>(stage, "stage", errors, out var stageFilter);
        SnakeCaseNaming.Parse<LeadSource>(source, "source", errors, out var sourceFilter);
        SnakeCaseNaming.Parse<ApplicantSort>(sort, "sort", errors, out var order);
        var query = new ApplicantQuery(q, stageFilter, agentId, unassigned, sourceFilter, tag, order ?? ApplicantSort.Newest, cursor, limit ?? 50);
        foreach (var (field, messages) in ApplicantSearch.Validate(query))
        {
            errors[field] = messages;
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await ApplicantSearch.SearchAsync(db, context.User.ToActor(), query, cancellationToken));
    }

    internal static async Task<Results<Ok<ApplicantInfo>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var found = await ApplicantReads.FindAsync(db, context.User.ToActor(), id, clock, cancellationToken);
        if (found is not { } row)
        {
            return ApiProblems.NotFound("applicant", id);
        }

        EntityTags.Set(context.Response, row.Version);
        return TypedResults.Ok(row.Info);
    }

    internal static async Task<Results<Created<ApplicantSaved>, ValidationProblem>> CreateAsync(
        CreateApplicantRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var now = clock.GetUtcNow();
        var check = new ApplicantValidation(db);
        var applicant = new Applicant
        {
            Kind = request.Kind ?? ContactKind.Applicant,
            FirstName = check.Name("firstName", request.FirstName, required: true),
            Stage = ApplicantStage.New,
            StageChangedAt = now,
        };
        applicant.LastName = NullIfEmpty(check.Name("lastName", request.LastName, required: false));
        applicant.Language = check.Language(request.Language);
        applicant.Nationality = check.Nationality(request.Nationality);
        applicant.SourceDetail = check.Text("sourceDetail", request.SourceDetail, 200);
        applicant.Notes = check.Text("notes", request.Notes, 10_000);
        applicant.Tags = check.Tags(request.Tags);
        applicant.Phones = check.Phones(request.Phones);
        applicant.Emails = check.Emails(request.Emails);
        applicant.Requirements = await check.RequirementsAsync(request.Requirements, cancellationToken);
        applicant.Consents = check.Consents(request.Consents, actor.UserId, now);
        if (request.Source is { } source)
        {
            applicant.Source = source;
        }
        else
        {
            check.Errors["source"] = [SnakeCaseNaming.OneOf<LeadSource>("source")];
        }

        if (applicant.Phones.Count == 0 && applicant.Emails.Count == 0 && !check.Errors.Keys.Any(k => k.StartsWith("phones", StringComparison.Ordinal) || k.StartsWith("emails", StringComparison.Ordinal)))
        {
            check.Errors["phones"] = ["A phone number or an email address is required, so the applicant can be reached."];
        }

        var agent = request.AssignedAgentId is { } agentId
            ? await db.Users.AssignableBy(actor).Where(u => u.Id == agentId).Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (request.AssignedAgentId is not null && agent is null)
        {
            check.Errors["assignedAgentId"] = ["You cannot assign applicants to that person (not an active member of your team)."];
        }

        if (!check.IsValid)
        {
            return TypedResults.ValidationProblem(check.Errors);
        }

        var duplicates = await ApplicantDuplicates.FindAsync(
            db, actor, null, FullName(applicant), [.. applicant.Phones.Select(p => p.Number)], [.. applicant.Emails.Select(e => e.Address)], cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Applicants.Add(applicant);
        if (agent is not null)
        {
            LeadAssignment.Assign(db, applicant, agent.Id, agent.DisplayName, "manual", actor.UserId, now);
        }
        else if (actor is { IsPerson: true, Role: UserRole.Agent, UserId: { } self })
        {
            // An agent's own lead is theirs.
            var name = await db.Users.Where(u => u.Id == self).Select(u => u.DisplayName).SingleAsync(cancellationToken);
            LeadAssignment.Assign(db, applicant, self, name, "created", actor.UserId, now);
        }
        else
        {
            await LeadAssignment.RouteAsync(db, applicant, actor.UserId, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // Read back without the visibility filter: a lead routed to another team is still the creator's answer.
        var created = (await ApplicantReads.FindAsync(db, null, applicant.Id, clock, cancellationToken))!.Value;
        EntityTags.Set(context.Response, created.Version);
        return TypedResults.Created($"/api/v1/applicants/{applicant.Id}", new ApplicantSaved(created.Info, duplicates));
    }

    internal static async Task<Results<Ok<ApplicantSaved>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateApplicantRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var now = clock.GetUtcNow();
        var applicant = await db.Applicants.VisibleTo(actor, db.Users)
            .Include(a => a.Phones).Include(a => a.Emails).Include(a => a.Consents)
            .AsSplitQuery()
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (applicant is null)
        {
            return ApiProblems.NotFound("applicant", id);
        }

        if (EntityTags.Check(context.Request, applicant.Version) is not EntityTags.Precondition.Met and var precondition)
        {
            return EntityTags.Result(precondition);
        }

        var check = new ApplicantValidation(db);
        applicant.Kind = request.Kind ?? applicant.Kind;
        applicant.Source = request.Source ?? applicant.Source;
        if (request.FirstName is not null)
        {
            applicant.FirstName = check.Name("firstName", request.FirstName, required: true);
        }

        if (request.HasLastName)
        {
            applicant.LastName = NullIfEmpty(check.Name("lastName", request.LastName, required: false));
        }

        if (request.HasLanguage)
        {
            applicant.Language = check.Language(request.Language);
        }

        if (request.HasNationality)
        {
            applicant.Nationality = check.Nationality(request.Nationality);
        }

        if (request.HasSourceDetail)
        {
            applicant.SourceDetail = check.Text("sourceDetail", request.SourceDetail, 200);
        }

        if (request.HasNotes)
        {
            applicant.Notes = check.Text("notes", request.Notes, 10_000);
        }

        if (request.Tags is not null)
        {
            applicant.Tags = check.Tags(request.Tags);
        }

        if (request.Phones is not null)
        {
            Replace(db, applicant.Phones, check.Phones(request.Phones), p => p.Number, (kept, next) =>
            {
                (kept.Label, kept.IsPrimary, kept.IsWhatsApp) = (next.Label, next.IsPrimary, next.IsWhatsApp);
            });
        }

        if (request.Emails is not null)
        {
            Replace(db, applicant.Emails, check.Emails(request.Emails), e => e.Address, (kept, next) => kept.IsPrimary = next.IsPrimary);
        }

        if (request.Consents is not null)
        {
            foreach (var consent in check.Consents(request.Consents, actor.UserId, now))
            {
                var current = applicant.Consents.SingleOrDefault(c => c.Channel == consent.Channel);
                if (current is null)
                {
                    applicant.Consents.Add(consent);
                }
                else if (current.Granted != consent.Granted || current.Source != consent.Source)
                {
                    (current.Granted, current.Source, current.RecordedAt, current.RecordedById) = (consent.Granted, consent.Source, now, actor.UserId);
                }
            }
        }

        if (applicant.Phones.Count == 0 && applicant.Emails.Count == 0 && (request.Phones is not null || request.Emails is not null) && check.IsValid)
        {
            check.Errors["phones"] = ["A phone number or an email address is required, so the applicant can be reached."];
        }

        if (!check.IsValid)
        {
            return TypedResults.ValidationProblem(check.Errors);
        }

        IReadOnlyList<DuplicateMatch> duplicates = [];
        if (request.FirstName is not null || request.HasLastName || request.Phones is not null || request.Emails is not null)
        {
            duplicates = await ApplicantDuplicates.FindAsync(
                db, actor, id, FullName(applicant), [.. applicant.Phones.Select(p => p.Number)], [.. applicant.Emails.Select(e => e.Address)], cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EntityTags.Result(EntityTags.Precondition.Failed);
        }

        var updated = (await ApplicantReads.FindAsync(db, actor, id, clock, cancellationToken))!.Value;
        EntityTags.Set(context.Response, updated.Version);
        return TypedResults.Ok(new ApplicantSaved(updated.Info, duplicates));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var applicant = await db.Applicants.VisibleTo(actor, db.Users).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (applicant is null)
        {
            return ApiProblems.NotFound("applicant", id);
        }

        if (EntityTags.Check(context.Request, applicant.Version) is EntityTags.Precondition.Failed)
        {
            return EntityTags.Result(EntityTags.Precondition.Failed);
        }

        var history = new List<string>();
        if (await db.Viewings.AnyAsync(v => v.ApplicantId == id, cancellationToken))
        {
            history.Add("viewings");
        }

        if (await db.Offers.AnyAsync(o => o.ApplicantId == id, cancellationToken))
        {
            history.Add("offers");
        }

        if (await db.Listings.AnyAsync(l => l.OwnerId == id, cancellationToken))
        {
            history.Add("listings they own");
        }

        if (await db.Applicants.AnyAsync(a => a.MergedIntoId == id, cancellationToken))
        {
            history.Add("merged records");
        }

        if (history.Count > 0)
        {
            return ApiProblems.Conflict(
                "The applicant has history",
                $"The applicant has {string.Join(", ", history)}: mark them Lost instead, or merge them into the record that should stay.");
        }

        // The interceptor audits the deletion with every field of the record.
        await db.Activities.Where(a => a.ApplicantId == id).ExecuteDeleteAsync(cancellationToken);
        db.Applicants.Remove(applicant);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<ApplicantInfo>, ValidationProblem, ProblemHttpResult>> ChangeStageAsync(
        Guid id, ChangeStageRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var applicant = await db.Applicants.VisibleTo(actor, db.Users).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (applicant is null)
        {
            return ApiProblems.NotFound("applicant", id);
        }

        var check = new ApplicantValidation(db);
        if (request.Stage is not { } stage)
        {
            check.Errors["stage"] = [SnakeCaseNaming.OneOf<ApplicantStage>("stage")];
            return TypedResults.ValidationProblem(check.Errors);
        }

        var reason = await check.LostReasonAsync(request.LostReason, cancellationToken);
        if (stage == ApplicantStage.Lost && reason is null)
        {
            check.Errors["lostReason"] = ["A lost applicant needs a lostReason."];
        }

        var note = check.Text("note", request.Note, 2000);
        if (!check.IsValid)
        {
            return TypedResults.ValidationProblem(check.Errors);
        }

        var now = clock.GetUtcNow();
        if (StagePipeline.MoveTo(applicant, stage, stage == ApplicantStage.Lost ? reason : null, now) is { } previous)
        {
            db.Activities.Add(TimelineEntries.StageChange(id, previous, stage, actor.UserId, now, applicant.LostReason, note));
            applicant.LastActivityAt = now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return ApiProblems.Conflict("Changed meanwhile", "The applicant was changed while you moved them. Try again.");
            }
        }

        return await RespondAsync(db, context, actor, id, clock, cancellationToken);
    }

    internal static async Task<Results<Ok<IReadOnlyList<DuplicateMatch>>, ProblemHttpResult>> DuplicatesAsync(
        Guid id, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var applicant = await db.Applicants.AsNoTracking().VisibleTo(actor, db.Users)
            .Where(a => a.Id == id)
            .Select(a => new { a.FullName, Phones = a.Phones.Select(p => p.Number).ToList(), Emails = a.Emails.Select(e => e.Address).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        if (applicant is null)
        {
            return ApiProblems.NotFound("applicant", id);
        }

        return TypedResults.Ok(await ApplicantDuplicates.FindAsync(db, actor, id, applicant.FullName, applicant.Phones, applicant.Emails, cancellationToken));
    }

    internal static async Task<Results<Ok<MergeResult>, ValidationProblem, ProblemHttpResult>> MergeAsync(
        Guid id, MergeRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        if (request.DuplicateId is not { } duplicateId || duplicateId == id)
        {
            var errors = ApiProblems.Errors();
            errors["duplicateId"] = [request.DuplicateId == id
                ? "An applicant cannot be merged into itself."
                : "duplicateId is required: the record to merge into this one."];
            return TypedResults.ValidationProblem(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pair = await db.Applicants.VisibleTo(actor, db.Users)
            .Where(a => a.Id == id || a.Id == duplicateId)
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var survivor = pair.SingleOrDefault(a => a.Id == id);
        var duplicate = pair.SingleOrDefault(a => a.Id == duplicateId);
        if (survivor is null || duplicate is null)
        {
            return ApiProblems.NotFound("applicant", survivor is null ? id : duplicateId);
        }

        if (survivor.MergedIntoId is not null || duplicate.MergedIntoId is not null)
        {
            return ApiProblems.Conflict("Already merged", "One of the two applicants has already been merged into another record.");
        }

        var now = clock.GetUtcNow();
        var moved = await ApplicantMerge.MergeAsync(db, survivor, duplicate, actor.UserId, now, cancellationToken);
        db.Record(context, clock, "applicant.merged", "applicant", id, new { merged_id = duplicateId, merged_name = duplicate.FullName, moved });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.Conflict("Changed meanwhile", "One of the applicants was changed during the merge. Try again.");
        }

        await transaction.CommitAsync(cancellationToken);
        var merged = (await ApplicantReads.FindAsync(db, actor, id, clock, cancellationToken))!.Value;
        EntityTags.Set(context.Response, merged.Version);
        return TypedResults.Ok(new MergeResult(merged.Info, duplicateId, moved));
    }

    internal static async Task<Results<Ok<ApplicantInfo>, ValidationProblem, ProblemHttpResult>> AssignAsync(
        Guid id, AssignRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var applicant = await db.Applicants.VisibleTo(actor, db.Users).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (applicant is null)
        {
            return ApiProblems.NotFound("applicant", id);
        }

        var agent = await AssignableAsync(db, actor, request.AgentId, cancellationToken);
        if (agent is null)
        {
            return AgentError();
        }

        LeadAssignment.Assign(db, applicant, agent.Value.Id, agent.Value.Name, "manual", actor.UserId, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return await RespondAsync(db, context, null, id, clock, cancellationToken);
    }

    internal static async Task<Results<Ok<BulkReassignResult>, ValidationProblem>> BulkReassignAsync(
        BulkReassignRequest request, HttpContext context, PaceDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        var ids = (request.ApplicantIds ?? []).Distinct().ToList();
        if (ids.Count is 0 or > 500)
        {
            var errors = ApiProblems.Errors();
            errors["applicantIds"] = ["applicantIds must name 1 to 500 applicants."];
            return TypedResults.ValidationProblem(errors);
        }

        var agent = await AssignableAsync(db, actor, request.AgentId, cancellationToken);
        if (agent is null)
        {
            return AgentError();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var applicants = await db.Applicants.VisibleTo(actor, db.Users).Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var reassigned = applicants.Count(a => LeadAssignment.Assign(db, a, agent.Value.Id, agent.Value.Name, "bulk", actor.UserId, now));
        db.Record(context, clock, "applicant.bulk_reassigned", "user", agent.Value.Id, new { applicants = reassigned, agent = agent.Value.Name });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var found = applicants.Select(a => a.Id).ToHashSet();
        return TypedResults.Ok(new BulkReassignResult(reassigned, applicants.Count - reassigned, [.. ids.Where(i => !found.Contains(i))]));
    }

    internal static async Task<Results<Created<RequirementInfo>, ValidationProblem, ProblemHttpResult>> AddRequirementAsync(
        Guid id, RequirementInput request, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var actor = context.User.ToActor();
        if (!await db.Applicants.VisibleTo(actor, db.Users).AnyAsync(a => a.Id == id, cancellationToken))
        {
            return ApiProblems.NotFound("applicant", id);
        }

        var check = new ApplicantValidation(db);
        var requirement = new Requirement { ApplicantId = id };
        if (!await check.RequirementAsync("", request, requirement, cancellationToken))
        {
            return TypedResults.ValidationProblem(check.Errors);
        }

        if (await db.Requirements.CountAsync(r => r.ApplicantId == id, cancellationToken) >= ApplicantValidation.MaxRequirements)
        {
            return ApiProblems.Conflict("Too many requirements", $"An applicant has at most {ApplicantValidation.MaxRequirements} requirements: change or remove one.");
        }

        db.Requirements.Add(requirement);
        await db.SaveChangesAsync(cancellationToken);
        EntityTags.Set(context.Response, requirement.Version);
        return TypedResults.Created($"/api/v1/applicants/{id}/requirements/{requirement.Id}", ApplicantReads.ToInfo(requirement));
    }

    internal static async Task<Results<Ok<RequirementInfo>, ValidationProblem, ProblemHttpResult>> ReplaceRequirementAsync(
        Guid id, Guid requirementId, RequirementInput request, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var requirement = await FindRequirementAsync(db, context.User.ToActor(), id, requirementId, cancellationToken);
        if (requirement is null)
        {
            return ApiProblems.NotFound("requirement", requirementId);
        }

        if (EntityTags.Check(context.Request, requirement.Version) is not EntityTags.Precondition.Met and var precondition)
        {
            return EntityTags.Result(precondition);
        }

        var check = new ApplicantValidation(db);
        if (!await check.RequirementAsync("", request, requirement, cancellationToken))
        {
            return TypedResults.ValidationProblem(check.Errors);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return EntityTags.Result(EntityTags.Precondition.Failed);
        }

        EntityTags.Set(context.Response, requirement.Version);
        return TypedResults.Ok(ApplicantReads.ToInfo(requirement));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteRequirementAsync(
        Guid id, Guid requirementId, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var requirement = await FindRequirementAsync(db, context.User.ToActor(), id, requirementId, cancellationToken);
        if (requirement is null)
        {
            return ApiProblems.NotFound("requirement", requirementId);
        }

        db.Requirements.Remove(requirement);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static Task<Requirement?> FindRequirementAsync(PaceDbContext db, Actor actor, Guid id, Guid requirementId, CancellationToken cancellationToken) =>
        db.Requirements
            .Where(r => r.Id == requirementId && r.ApplicantId == id && db.Applicants.VisibleTo(actor, db.Users).Any(a => a.Id == id))
            .SingleOrDefaultAsync(cancellationToken);

    private static async Task<(Guid Id, string Name)?> AssignableAsync(PaceDbContext db, Actor actor, Guid? agentId, CancellationToken cancellationToken)
    {
        if (agentId is not { } wanted)
        {
            return null;
        }

        var agent = await db.Users.AssignableBy(actor).Where(u => u.Id == wanted)
            .Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        return agent is null ? null : (agent.Id, agent.DisplayName);
    }

    private static ValidationProblem AgentError()
    {
        var errors = ApiProblems.Errors();
        errors["agentId"] = ["agentId must be an active agent or manager you may assign applicants to (your team's, for a manager)."];
        return TypedResults.ValidationProblem(errors);
    }

    private static async Task<Results<Ok<ApplicantInfo>, ValidationProblem, ProblemHttpResult>> RespondAsync(
        PaceDbContext db, HttpContext context, Actor? actor, Guid id, TimeProvider clock, CancellationToken cancellationToken)
    {
        var found = (await ApplicantReads.FindAsync(db, actor, id, clock, cancellationToken))!.Value;
        EntityTags.Set(context.Response, found.Version);
        return TypedResults.Ok(found.Info);
    }

    /// <summary>Makes <paramref name="current"/> hold exactly <paramref name="wanted"/>, keeping the rows whose key stays.</summary>
    private static void Replace<T>(PaceDbContext db, List<T> current, List<T> wanted, Func<T, string> key, Action<T, T> update)
        where T : class
    {
        foreach (var gone in current.Where(c => wanted.All(w => key(w) != key(c))).ToList())
        {
            current.Remove(gone);
            db.Remove(gone);
        }

        foreach (var next in wanted)
        {
            if (current.SingleOrDefault(c => key(c) == key(next)) is { } kept)
            {
                update(kept, next);
            }
            else
            {
                current.Add(next);
            }
        }
    }

    private static string FullName(Applicant applicant) => $"{applicant.FirstName} {applicant.LastName}".Trim();

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
