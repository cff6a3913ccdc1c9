namespace Pace.Deals;

/// <summary>
/// An offer is open while Submitted or Countered: either side may counter it (the amount on the table changes),
/// the owner's side accepts or rejects it, the applicant's side withdraws it. Accepted, Rejected and Withdrawn are
/// final; an expired offer can no longer be accepted.
/// </summary>
public static class OfferLifecycle
{
    public static bool IsOpen(OfferStatus status) => status is OfferStatus.Submitted or OfferStatus.Countered;

    /// <summary>Why <paramref name="offer"/> cannot move to <paramref name="to"/> now, or null when it can.</summary>
    public static string? Refusal(Offer offer, OfferStatus to, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (!IsOpen(offer.Status))
        {
            return $"The offer is {offer.Status.ToString().ToLowerInvariant()}: it cannot be {Verb(to)} any more.";
        }

        if (to == OfferStatus.Submitted)
        {
            return "An offer is submitted once, when it is made.";
        }

        if (to == OfferStatus.Accepted && offer.ExpiresAt is { } expires && expires <= now)
        {
            return "The offer has expired: it cannot be accepted. Ask the applicant for a new offer.";
        }

        return null;
    }

    /// <summary>Moves the offer to <paramref name="to"/>; throws when <see cref="Refusal"/> says it cannot.</summary>
    public static void Move(Offer offer, OfferStatus to, DateTimeOffset now)
    {
        if (Refusal(offer, to, now) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        offer.Status = to;
        if (to is OfferStatus.Accepted or OfferStatus.Rejected or OfferStatus.Withdrawn)
        {
            offer.DecidedAt = now;
        }
    }

    /// <summary>A counter-offer: the new amount is what is on the table now.</summary>
    public static void Counter(Offer offer, long amountMinor, DateTimeOffset now)
    {
        if (amountMinor <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amountMinor), "An amount is positive.");
        }

        Move(offer, OfferStatus.Countered, now);
        offer.AmountMinor = amountMinor;
    }

    private static string Verb(OfferStatus status) => status switch
    {
        OfferStatus.Countered => "countered",
        OfferStatus.Accepted => "accepted",
        OfferStatus.Rejected => "rejected",
        OfferStatus.Withdrawn => "withdrawn",
        _ => "submitted",
    };
}
