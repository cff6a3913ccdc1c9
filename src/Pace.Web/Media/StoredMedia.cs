namespace Pace.Web.Media;

/// <summary>A stored file opened for reading: its bytes, their length and when it was stored.</summary>
public sealed record StoredMedia(Stream Content, long Length, DateTimeOffset StoredAt);
