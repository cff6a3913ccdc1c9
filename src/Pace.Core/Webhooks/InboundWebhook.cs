namespace Pace.Webhooks;

public enum InboundWebhookStatus
{
    Received,
    Processed,
    Failed,
    Ignored,
}

/// <summary>A vendor's webhook delivery, stored verbatim before processing and deduplicated by the vendor's id.</summary>
public sealed class InboundWebhook
{
    public long Id { get; set; }

    /// <summary><c>propertyfinder</c>, <c>exotel.whatsapp</c>, <c>exotel.call</c>, <c>google.calendar</c>…</summary>
    public required string Source { get; set; }

    /// <summary>The vendor's delivery or event id; (source, external id) is unique.</summary>
    public required string ExternalId { get; set; }

    public string? EventType { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>JSON object of the headers worth keeping (signature, content type, vendor ids).</summary>
    public string? Headers { get; set; }

    public required string Body { get; set; }

    public InboundWebhookStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }

    public string? Error { get; set; }
}
