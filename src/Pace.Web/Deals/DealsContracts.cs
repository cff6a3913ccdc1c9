using System.ComponentModel.DataAnnotations;
using Pace.Deals;

namespace Pace.Web.Deals;

/// <summary>An offer; <see cref="AmountMinor"/> is the amount on the table now (the last counter's, if any).</summary>
public sealed record OfferInfo(
    Guid Id, Guid ListingId, string ListingReference, Guid ApplicantId, Guid AgentId, long AmountMinor, string Currency, OfferStatus Status,
    string? Conditions, DateTimeOffset? ExpiresAt, DateTimeOffset? DecidedAt, string? DecisionReason, Guid? DealId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record OfferPage(IReadOnlyList<OfferInfo> Items, string? NextCursor);

public sealed record CreateOfferRequest([Required] Guid? ListingId, [Required] Guid? ApplicantId, [Required] long? AmountMinor, string? Currency, string? Conditions, DateTimeOffset? ExpiresAt);

public sealed record OfferReasonRequest(string? Reason);

public sealed record CounterOfferRequest(long? AmountMinor);

/// <summary>One agent's share of a commission.</summary>
public sealed record CommissionShareInfo(Guid AgentId, string AgentName, decimal? Percent, long AmountMinor);

public sealed record DealInfo(
    Guid Id, Guid OfferId, Guid ListingId, string ListingReference, Guid ApplicantId, Guid AgentId, long PriceMinor, long CommissionMinor,
    string Currency, DealStatus Status, DateOnly? ExpectedCloseOn, DateTimeOffset? ClosedAt, string? FallThroughReason,
    IReadOnlyList<CommissionShareInfo> Split, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>An agent's share as asked for: <c>percent</c> or <c>amountMinor</c>.</summary>
public sealed record CommissionShareRequest(Guid? AgentId, decimal? Percent, long? AmountMinor);

/// <summary>
/// Completion: the commission in minor units and its split, all in percent (adding up to 100) or all as amounts
/// (adding up to the commission).
/// </summary>
public sealed record CompleteDealRequest(long? CommissionMinor, IReadOnlyList<CommissionShareRequest?>? Split);

public sealed record FallThroughRequest(string? Reason);
