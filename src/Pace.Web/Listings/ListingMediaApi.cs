using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Listings;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Listings;

/// <summary>
/// A listing's media by URL: photos and floor plans (the portals fetch them), video and 360° tour links, in the
/// order they are shown; the first image is the cover. Uploads into a media store come with the listing pages.
/// </summary>
public static class ListingMediaApi
{
    /// <summary>More than the portals show (Property Finder takes 50 images); a bound, not a target.</summary>
    public const int MaxMedia = 100;

    public static RouteGroupBuilder MapListingMediaApi(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/media", AddAsync).WithName("AddListingMedia");
        group.MapPut("/{id:guid}/media/order", ReorderAsync).WithName("ReorderListingMedia");
        group.MapDelete("/{id:guid}/media/{mediaId:guid}", RemoveAsync).WithName("RemoveListingMedia");
        return group;
    }

    /// <summary>Adds a media item at the end of the listing's media.</summary>
    internal static async Task<Results<Created<ListingMediaInfo>, ValidationProblem, ProblemHttpResult>> AddAsync(
        Guid id, AddListingMediaRequest request, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        if (!ListingInput.TryParse<MediaKind>(request.Kind, out var kind))
        {
            errors["kind"] = [ListingInput.EnumError<MediaKind>(nameof(request.Kind))];
        }

        var url = request.Url?.Trim();
        if (url is null || url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            errors["url"] = ["url must be an absolute http or https address of at most 2000 characters that the portals can fetch."];
        }

        var caption = request.Caption?.Trim();
        if (caption is { Length: > 300 })
        {
            errors["caption"] = ["caption must be at most 300 characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!await EditableAsync(db, context, id, cancellationToken))
        {
            return ApiProblems.NotFound("listing", id);
        }

        var orders = await db.ListingMedia.Where(m => m.ListingId == id).Select(m => m.SortOrder).ToListAsync(cancellationToken);
        if (orders.Count >= MaxMedia)
        {
            return ApiProblems.Refused("Too many media", $"A listing has at most {MaxMedia} media items: remove some first.");
        }

        var media = new ListingMedia
        {
            ListingId = id,
            Kind = kind,
            SortOrder = orders.Count == 0 ? 0 : orders.Max() + 1,
            Url = url,
            Caption = string.IsNullOrEmpty(caption) ? null : caption,
        };
        db.ListingMedia.Add(media);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/listings/{id}", ListingReads.MediaInOrder([media])[0]);
    }

    /// <summary>Puts the media in the order given, which must name every media item of the listing exactly once.</summary>
    internal static async Task<Results<Ok<IReadOnlyList<ListingMediaInfo>>, ValidationProblem, ProblemHttpResult>> ReorderAsync(
        Guid id, ReorderListingMediaRequest request, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        if (!await EditableAsync(db, context, id, cancellationToken))
        {
            return ApiProblems.NotFound("listing", id);
        }

        var media = await db.ListingMedia.Where(m => m.ListingId == id).ToListAsync(cancellationToken);
        var order = request.MediaIds ?? [];
        var missing = media.Select(m => m.Id).Except(order).ToList();
        var unknown = order.Except(media.Select(m => m.Id)).ToList();
        if (missing.Count > 0 || unknown.Count > 0 || order.Distinct().Count() != order.Length)
        {
            var errors = ApiProblems.Errors();
            errors["mediaIds"] = [
                "mediaIds must name every media item of the listing exactly once"
                + (missing.Count > 0 ? $"; missing: {string.Join(", ", missing)}" : "")
                + (unknown.Count > 0 ? $"; not of this listing: {string.Join(", ", unknown)}" : "")
                + "."];
            return TypedResults.ValidationProblem(errors);
        }

        var position = order.Select((mediaId, index) => (mediaId, index)).ToDictionary(p => p.mediaId, p => p.index);
        foreach (var item in media)
        {
            item.SortOrder = position[item.Id];
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ListingReads.MediaInOrder(media));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        Guid id, Guid mediaId, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        if (!await EditableAsync(db, context, id, cancellationToken))
        {
            return ApiProblems.NotFound("listing", id);
        }

        var media = await db.ListingMedia.SingleOrDefaultAsync(m => m.Id == mediaId && m.ListingId == id, cancellationToken);
        if (media is null)
        {
            return ApiProblems.NotFound("media item", mediaId);
        }

        db.ListingMedia.Remove(media);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static Task<bool> EditableAsync(PaceDbContext db, HttpContext context, Guid id, CancellationToken cancellationToken) =>
        db.Listings.EditableBy(context.User.ToActor(), db.Users).AnyAsync(l => l.Id == id, cancellationToken);
}
