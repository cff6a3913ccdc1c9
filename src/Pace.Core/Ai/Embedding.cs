using Pace.Common;

namespace Pace.Ai;

/// <summary>
/// A vector for a chunk of a record's text. Stored as <c>real[]</c> with its model and dimension, so search works
/// without pgvector and vectors of two models never mix.
/// </summary>
public sealed class Embedding : Entity
{
    /// <summary><c>listing</c>, <c>applicant</c>, <c>activity</c>, <c>transcript</c>…</summary>
    public required string SourceType { get; set; }

    public Guid SourceId { get; set; }

    public int Chunk { get; set; }

    public required string Model { get; set; }

    public int Dimensions { get; set; }

    public required float[] Vector { get; set; }

    /// <summary>SHA-256 of the text, to skip re-embedding what did not change.</summary>
    public required string ContentHash { get; set; }

    public required string Content { get; set; }
}
