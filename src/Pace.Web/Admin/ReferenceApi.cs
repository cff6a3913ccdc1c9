using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pace.Data;
using Pace.Reference;
using Pace.Web.Common;

namespace Pace.Web.Admin;

/// <summary>A value of a pick list as an admin maintains it.</summary>
public sealed record ReferenceValueInfo(
    Guid Id, ReferenceKind Kind, string Code, string Label, string? LabelAr, int SortOrder, bool IsActive, DateTimeOffset UpdatedAt);

public sealed record CreateReferenceValueRequest(ReferenceKind? Kind, string? Code, string? Label, string? LabelAr, int? SortOrder);

/// <summary>A partial update: an absent field is left alone. The code never changes: records and portal feeds store it.</summary>
public sealed record UpdateReferenceValueRequest(string? Label, string? LabelAr, int? SortOrder, bool? IsActive);

/// <summary>
/// The pick lists (property types, amenities, lost reasons, languages, nationalities). A value is retired by
/// deactivating it, never deleted, since listings and applicants keep its code. Changes are audited by the interceptor.
/// </summary>
public static partial class ReferenceApi
{
    public static RouteGroupBuilder MapReferenceApi(this RouteGroupBuilder group)
    {
        group.MapGet("/", ListAsync).WithName("ListReferenceValues");
        group.MapPost("/", CreateAsync).WithName("CreateReferenceValue").ProducesProblems(StatusCodes.Status409Conflict);
        group.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateReferenceValue").ProducesProblems(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Every value of one kind (a pick list holds tens of values, so one page), active and retired, in the admins' order.</summary>
    internal static async Task<Results<Ok<List<ReferenceValueInfo>>, ValidationProblem>> ListAsync(
        PaceDbContext db, string? kind, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        SnakeCaseNaming.Parse<ReferenceKind>(kind, "kind", errors, out var parsed);
        if (parsed is null && errors.Count == 0)
        {
            errors["kind"] = [SnakeCaseNaming.OneOf<ReferenceKind>("kind")];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await db.ReferenceValues.AsNoTracking()
            .Where(r => r.Kind == parsed)
            .OrderBy(r => r.SortOrder).ThenBy(r => r.Label)
            .Select(r => new ReferenceValueInfo(r.Id, r.Kind, r.Code, r.Label, r.LabelAr, r.SortOrder, r.IsActive, r.UpdatedAt))
            .ToListAsync(cancellationToken));
    }

    internal static async Task<Results<Created<ReferenceValueInfo>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateReferenceValueRequest request, PaceDbContext db, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        if (request.Kind is null)
        {
            errors["kind"] = [SnakeCaseNaming.OneOf<ReferenceKind>("kind")];
        }

        var code = request.Code?.Trim().ToLowerInvariant() ?? "";
        if (!CodePattern().IsMatch(code))
        {
            errors["code"] = ["A code of 2 to 64 characters: lower-case letters, digits and '-', starting with a letter (e.g. sea-view)."];
        }

        var value = new ReferenceValue { Kind = request.Kind ?? default, Code = code, Label = "" };
        Apply(value, request.Label ?? "", request.LabelAr, request.SortOrder, null, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await db.ReferenceValues.AnyAsync(r => r.Kind == value.Kind && r.Code == code, cancellationToken))
        {
            return DuplicateCode(code);
        }

        db.ReferenceValues.Add(value);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return DuplicateCode(code);
        }

        return TypedResults.Created($"/api/v1/admin/reference/{value.Id}", Info(value));
    }

    internal static async Task<Results<Ok<ReferenceValueInfo>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateReferenceValueRequest request, PaceDbContext db, CancellationToken cancellationToken)
    {
        var value = await db.ReferenceValues.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (value is null)
        {
            return ApiProblems.NotFound("reference value", id);
        }

        var errors = ApiProblems.Errors();
        Apply(value, request.Label, request.LabelAr, request.SortOrder, request.IsActive, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Info(value));
    }

    private static void Apply(ReferenceValue value, string? label, string? labelAr, int? sortOrder, bool? isActive, Dictionary<string, string[]> errors)
    {
        if (label is not null)
        {
            value.Label = label.Trim();
            if (value.Label.Length is 0 or > 200)
            {
                errors["label"] = ["A label of 1 to 200 characters is required."];
            }
        }

        if (labelAr is not null)
        {
            value.LabelAr = string.IsNullOrWhiteSpace(labelAr) ? null : labelAr.Trim();
            if (value.LabelAr is { Length: > 200 })
            {
                errors["labelAr"] = ["The Arabic label is at most 200 characters."];
            }
        }

        if (sortOrder is { } order)
        {
            if (order is < 0 or > 10_000)
            {
                errors["sortOrder"] = ["The position is a number from 0 to 10000."];
            }

            value.SortOrder = order;
        }

        if (isActive is { } active)
        {
            value.IsActive = active;
        }
    }

    private static ReferenceValueInfo Info(ReferenceValue r) => new(r.Id, r.Kind, r.Code, r.Label, r.LabelAr, r.SortOrder, r.IsActive, r.UpdatedAt);

    private static ProblemHttpResult DuplicateCode(string code) =>
        ApiProblems.Conflict("Duplicate code", $"This list already has a value with the code '{code}'.");

    [GeneratedRegex("^[a-z][a-z0-9-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
