namespace Pace.Idempotency;

/// <summary>
/// A creating request sent with an <c>Idempotency-Key</c>: who sent it, a hash of what it asked, and once it succeeded
/// the answer to replay to a retry. <see cref="StatusCode"/> is null while the first request is still being handled.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>Whose key it is (<c>user:&lt;id&gt;</c>, <c>client:&lt;client_id&gt;</c>): keys of two callers never meet.</summary>
    public required string Caller { get; set; }

    public required string Key { get; set; }

    public required string Method { get; set; }

    public required string Path { get; set; }

    /// <summary>SHA-256 of the method, path and body: a reused key with another request is refused, not replayed.</summary>
    public required byte[] RequestHash { get; set; }

    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public byte[]? ResponseBody { get; set; }

    public string? Location { get; set; }

    public string? EntityTag { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this the key is forgotten: a cleanup deletes the row, and a new request may take the key over.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
