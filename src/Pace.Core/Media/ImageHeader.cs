namespace Pace.Media;

/// <summary>What an image's header says: its format and its size in pixels.</summary>
public readonly record struct ImageHeader(ImageFormat Format, int Width, int Height);
