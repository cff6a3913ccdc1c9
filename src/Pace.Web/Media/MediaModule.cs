using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;
using Pace.Media;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Media;

/// <summary>The media store and <c>GET /media/{key}</c>, which serves what was uploaded (listing photos, floor plans).</summary>
public static class MediaModule
{
    public const string PathPrefix = MediaKey.UrlPrefix;

    /// <summary>
    /// Private: a stored file is for signed-in staff (the portals get their own feed), so no shared cache may keep it.
    /// A year and immutable: a key names one content forever, and a changed photo is a new key.
    /// </summary>
    public const string CacheControl = "private, max-age=31536000, immutable";

    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section)
            .PostConfigure<IHostEnvironment>((o, environment) =>
            {
                if (!string.IsNullOrWhiteSpace(o.Root))
                {
                    o.Root = Path.GetFullPath(o.Root, environment.ContentRootPath);
                }
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.Root), MediaOptions.RootMessage)
            .ValidateOnStart();
        services.TryAddSingleton<IMediaStore, LocalDiskMediaStore>();
        services.AddHostedService<DemoPhotosInstaller>();
        return services;
    }

    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder app)
    {
        app.MapGet(PathPrefix + "{key}", ServeAsync).RequireAuthorization(PacePolicies.Staff).WithName("GetMedia").ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>
    /// The file with its type (from the key, never sniffed: <c>nosniff</c>), a strong ETag (the hash; a matching
    /// <c>If-None-Match</c> answers 304) and range requests; 404 for a key that is malformed or stores nothing.
    /// </summary>
    internal static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> ServeAsync(
        string key, HttpContext context, IMediaStore store, CancellationToken cancellationToken)
    {
        if (!MediaKey.TryParse(key, out var parsed) || await store.OpenAsync(parsed, cancellationToken) is not { } media)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "No stored media has this key.");
        }

        context.Response.Headers.CacheControl = CacheControl;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.Stream(media.Content, parsed.ContentType, lastModified: media.StoredAt,
            entityTag: new EntityTagHeaderValue($"\"{parsed.Hash}\""), enableRangeProcessing: true);
    }
}
