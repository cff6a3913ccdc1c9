using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Listings;
using Pace.Media;
using Pace.Web.Common;
using Pace.Web.Identity;
using Pace.Web.Identity.SignIn;
using Pace.Web.Media;

namespace Pace.Web.Listings;

/// <summary>
/// A listing's media: photos and floor plans uploaded into the media store or linked by URL, video and 360° tour
/// links, in the order they are shown; the first image is the cover.
/// </summary>
public static class ListingMediaApi
{
    /// <summary>More than the portals show (Property Finder takes 50 images); a bound, not a target.</summary>
    public const int MaxMedia = 100;

    /// <summary>The largest upload request: a file of <see cref="ImageRules.MaxBytes"/>, its form fields and the multipart framing.</summary>
    public const long MaxUploadRequestBytes = ImageRules.MaxBytes + (64 * 1024);

    public static RouteGroupBuilder MapListingMediaApi(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/media", AddAsync).WithName("AddListingMedia").ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/media/upload", UploadAsync)
            .WithName("UploadListingMedia")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            // Checked in the handler instead: a browser session must send the token, a bearer call cannot be forged
            // by another site (and the framework's own check would run before authentication, as an anonymous user).
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadRequestBytes))
            .WithFormOptions(multipartBodyLengthLimit: MaxUploadRequestBytes);
        group.MapPut("/{id:guid}/media/order", ReorderAsync).WithName("ReorderListingMedia").ProducesProblems(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}/media/{mediaId:guid}", RemoveAsync).WithName("RemoveListingMedia").ProducesProblems(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Adds a media item by URL at the end of the listing's media.</summary>
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

        var caption = Caption(request.Caption, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!await EditableAsync(db, context, id, cancellationToken))
        {
            return ApiProblems.NotFound("listing", id);
        }

        var (sortOrder, full) = await NextPlaceAsync(db, id, cancellationToken);
        if (full is not null)
        {
            return full;
        }

        return await AppendAsync(db, new ListingMedia { ListingId = id, Kind = kind, SortOrder = sortOrder, Url = url, Caption = caption }, cancellationToken);
    }

    /// <summary>
    /// Uploads a photo or floor plan (multipart/form-data: <c>file</c>, optional <c>kind</c> <c>image</c> or
    /// <c>floor_plan</c>, optional <c>caption</c>) into the media store and adds it at the end of the listing's media,
    /// served at <c>/media/{key}</c>. The file is judged by its content (<see cref="ImageRules"/>), never by its name
    /// or declared type; its name is not kept. The same bytes uploaded to the same listing again answer the item
    /// already there (200) instead of a second copy.
    /// </summary>
    internal static async Task<Results<Created<ListingMediaInfo>, Ok<ListingMediaInfo>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        Guid id, IFormFile? file, [FromForm] string? kind, [FromForm] string? caption, HttpContext context, PaceDbContext db,
        IMediaStore store, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        if (IdentityModule.IsBrowserSession(context) && !await antiforgery.IsRequestValidAsync(context))
        {
            return SignInModule.AntiforgeryProblem();
        }

        var errors = ApiProblems.Errors();
        var mediaKind = MediaKind.Image;
        if (kind is not null && (!ListingInput.TryParse(kind, out mediaKind) || mediaKind is not (MediaKind.Image or MediaKind.FloorPlan)))
        {
            errors["kind"] = ["kind must be image or floor_plan for an upload (videos and 360° tours are added by URL)."];
        }

        var captionText = Caption(caption, errors);
        var (content, image) = await ReadImageAsync(file, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!await EditableAsync(db, context, id, cancellationToken))
        {
            return ApiProblems.NotFound("listing", id);
        }

        var key = MediaKey.Of(SHA256.HashData(content), MediaTypes.Of(image.Format));
        return await MediaKeyLock.RunAsync<Results<Created<ListingMediaInfo>, Ok<ListingMediaInfo>, ValidationProblem, ProblemHttpResult>>(db, key, async () =>
        {
            var existing = await db.ListingMedia.AsNoTracking()
                .FirstOrDefaultAsync(m => m.ListingId == id && m.StorageKey == key.ToString(), cancellationToken);
            if (existing is not null)
            {
                return TypedResults.Ok(ListingReads.MediaInOrder([existing])[0]);
            }

            var (sortOrder, full) = await NextPlaceAsync(db, id, cancellationToken);
            if (full is not null)
            {
                return full;
            }

            MediaKey stored;
            await using (var bytes = new MemoryStream(content, writable: false))
            {
                stored = await store.PutAsync(bytes, key.ContentType, cancellationToken);
            }

            if (stored != key)
            {
                throw new InvalidOperationException($"The media store keyed {key} as {stored}: it must address files by their SHA-256.");
            }

            var media = new ListingMedia
            {
                ListingId = id,
                Kind = mediaKind,
                SortOrder = sortOrder,
                StorageKey = key.ToString(),
                Url = key.Url,
                ContentType = key.ContentType,
                Width = image.Width,
                Height = image.Height,
                SizeBytes = content.Length,
                Caption = captionText,
            };
            return await AppendAsync(db, media, cancellationToken);
        }, cancellationToken);
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

    /// <summary>Removes a media item; a stored file no other media item points to is deleted from the store with it.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        Guid id, Guid mediaId, HttpContext context, PaceDbContext db, IMediaStore store, CancellationToken cancellationToken)
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

        if (!MediaKey.TryParse(media.StorageKey, out var key))
        {
            return await DeleteRowAsync(db, media, cancellationToken) is { } removedMeanwhile ? removedMeanwhile : TypedResults.NoContent();
        }

        return await MediaKeyLock.RunAsync<Results<NoContent, ProblemHttpResult>>(db, key, async () =>
        {
            if (await DeleteRowAsync(db, media, cancellationToken) is { } gone)
            {
                return gone;
            }

            if (!await db.ListingMedia.AnyAsync(m => m.StorageKey == media.StorageKey, cancellationToken))
            {
                await store.DeleteAsync(key, cancellationToken);
            }

            return TypedResults.NoContent();
        }, cancellationToken);
    }

    /// <summary>
    /// The bytes and header of the uploaded image, or its refusal in <paramref name="errors"/> under <c>file</c>. A file
    /// over the limit is refused before it is read; what is read is at most <see cref="ImageRules.MaxBytes"/>.
    /// </summary>
    private static async Task<(byte[] Content, ImageHeader Image)> ReadImageAsync(
        IFormFile? file, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            errors["file"] = ["file is required: a JPEG, PNG or WebP image sent as the multipart/form-data field file."];
            return ([], default);
        }

        if (ImageRules.CheckSize(file.Length) is { } refused)
        {
            errors["file"] = [refused.Message!];
            return ([], default);
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        var check = ImageRules.Check(content);
        if (check.Image is not { } image)
        {
            errors["file"] = [check.Message!];
            return ([], default);
        }

        return (content, image);
    }

    /// <summary>The caption trimmed (null when empty), or its error in <paramref name="errors"/>.</summary>
    private static string? Caption(string? caption, Dictionary<string, string[]> errors)
    {
        var trimmed = caption?.Trim();
        if (trimmed is { Length: > 300 })
        {
            errors["caption"] = ["caption must be at most 300 characters."];
        }

        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>The sort order after the listing's last media item, or the 422 of a listing that has as many as it may.</summary>
    private static async Task<(int SortOrder, ProblemHttpResult? Full)> NextPlaceAsync(PaceDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var orders = await db.ListingMedia.Where(m => m.ListingId == id).Select(m => m.SortOrder).ToListAsync(cancellationToken);
        return orders.Count >= MaxMedia
            ? (0, ApiProblems.Refused("Too many media", $"A listing has at most {MaxMedia} media items: remove some first."))
            : (orders.Count == 0 ? 0 : orders.Max() + 1, null);
    }

    private static async Task<Created<ListingMediaInfo>> AppendAsync(PaceDbContext db, ListingMedia media, CancellationToken cancellationToken)
    {
        db.ListingMedia.Add(media);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/listings/{media.ListingId}", ListingReads.MediaInOrder([media])[0]);
    }

    /// <summary>Deletes the row: null when deleted, 404 when another request removed it first.</summary>
    private static async Task<ProblemHttpResult?> DeleteRowAsync(PaceDbContext db, ListingMedia media, CancellationToken cancellationToken)
    {
        db.ListingMedia.Remove(media);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiProblems.NotFound("media item", media.Id);
        }
    }

    private static Task<bool> EditableAsync(PaceDbContext db, HttpContext context, Guid id, CancellationToken cancellationToken) =>
        db.Listings.EditableBy(context.User.ToActor(), db.Users).AnyAsync(l => l.Id == id, cancellationToken);
}
