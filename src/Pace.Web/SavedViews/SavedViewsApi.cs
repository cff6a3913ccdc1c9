using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pace.Data;
using Pace.SavedViews;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.SavedViews;

/// <summary>
/// A person's saved views of a list page ("Hot JVC buyers"): private to their owner, whatever the role; another
/// person's view answers 404 like a record outside one's visibility. The audit interceptor records each save and
/// deletion, as for every business record.
/// </summary>
public static class SavedViewsApi
{
    public static RouteGroupBuilder MapSavedViewsApi(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(PacePolicies.Staff);
        group.MapGet("/", ListAsync).WithName("ListSavedViews");
        group.MapPost("/", CreateAsync).WithName("CreateSavedView").ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteSavedView").ProducesProblems(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>The caller's views of one page (<c>page=applicants</c>), or of every page, by name.</summary>
    internal static async Task<Results<Ok<SavedViewList>, ValidationProblem>> ListAsync(
        HttpContext context, PaceDbContext db, string? page, CancellationToken cancellationToken)
    {
        if (page is not null && !SavedViewPages.IsKnown(page))
        {
            return UnknownPage();
        }

        var user = UserOf(context);
        // Bounded by the cap per page, and served in order by the unique (user_id, page, name_key) index.
        var rows = await db.SavedViews.AsNoTracking()
            .Where(v => v.UserId == user && (page == null || v.Page == page))
            .OrderBy(v => v.Page).ThenBy(v => v.NameKey)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new SavedViewList([.. rows.Select(Info)]));
    }

    internal static async Task<Results<Created<SavedViewInfo>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateSavedViewRequest request, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        var page = request.Page;
        if (!SavedViewPages.IsKnown(page))
        {
            errors["page"] = [$"page must be one of: {SavedViewPages.Names}."];
        }

        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors["name"] = ["Give the view a name."];
        }
        else if (name.Length > SavedView.NameLength)
        {
            errors["name"] = [$"A view's name has at most {SavedView.NameLength} characters."];
        }

        var query = SavedViewPages.IsKnown(page) ? SavedViewPages.Normalise(page!, request.Query) : "";
        if (request.Query is null)
        {
            errors["query"] = ["query is required: the list's filters, as its query string."];
        }
        else if (SavedViewPages.IsKnown(page) && query.Length == 0)
        {
            errors["query"] = ["Choose at least one filter or search before saving a view."];
        }
        else if (query.Length > 2000)
        {
            errors["query"] = ["These filters are too long to save."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var user = UserOf(context);
        var key = name.ToLowerInvariant();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One person's saves run one at a time, so the cap and the name check below hold under concurrent requests.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM users WHERE id = {user} FOR UPDATE", cancellationToken);
        var existing = await db.SavedViews.Where(v => v.UserId == user && v.Page == page)
            .Select(v => v.NameKey).Take(SavedView.PerUserAndPage + 1).ToListAsync(cancellationToken);
        if (existing.Contains(key, StringComparer.Ordinal))
        {
            return DuplicateName(name);
        }

        if (existing.Count >= SavedView.PerUserAndPage)
        {
            return ApiProblems.Refused(
                "Too many saved views", $"You already have {SavedView.PerUserAndPage} saved views of this list, the most one can keep. Delete one you no longer use first.");
        }

        var view = new SavedView { UserId = user, Page = page!, Name = name, NameKey = key, Query = query };
        db.SavedViews.Add(view);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return DuplicateName(name);
        }

        await transaction.CommitAsync(cancellationToken);
        var info = Info(view);
        return TypedResults.Created($"/api/v1/saved-views/{view.Id}", info);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var user = UserOf(context);
        var view = await db.SavedViews.SingleOrDefaultAsync(v => v.Id == id && v.UserId == user, cancellationToken);
        if (view is null)
        {
            return ApiProblems.NotFound("saved view", id);
        }

        db.SavedViews.Remove(view);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static SavedViewInfo Info(SavedView v) => new(v.Id, v.Page, v.Name, v.Query, SavedViewPages.Url(v.Page, v.Query), v.CreatedAt);

    // The Staff policy admits people only, so there is always a user.
    private static Guid UserOf(HttpContext context) =>
        context.User.ToActor().UserId ?? throw new InvalidOperationException("A saved view belongs to a person; the Staff policy admitted a caller without one.");

    private static ValidationProblem UnknownPage() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["page"] = [$"page must be one of: {SavedViewPages.Names}."] });

    private static ValidationProblem DuplicateName(string name) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["name"] = [$"You already have a view named \"{name}\". Choose another name."] });
}
