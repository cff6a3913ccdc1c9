namespace Pace.Web.Media;

/// <summary>The media store's settings (section <c>Media</c>).</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    public const string RootMessage =
        "Media:Root (env Media__Root) is missing: the folder that keeps uploaded photos and floor plans (./pace run uses .pace/media; in production a volume every replica mounts).";

    /// <summary>The folder of <see cref="LocalDiskMediaStore"/>, created on the first upload; a relative path is from the content root (the project folder).</summary>
    public string Root { get; set; } = "";

    /// <summary>
    /// Whether pace-web puts the demo brokerage's painted photos (<see cref="Pace.Data.Seed.DemoPhotos"/>) into the store
    /// when it starts, for the listings of the demo data to show them: on for <c>./pace run</c> (Development), off in production.
    /// </summary>
    public bool DemoPhotos { get; set; }
}
