using System.Linq.Expressions;

namespace Pace.Viewings;

/// <summary>
/// The life of a viewing: Scheduled → Confirmed → Completed, or No-show, or Cancelled from either open status.
/// Completed, No-show and Cancelled are final. A viewing can only be completed or marked a no-show once it has
/// started; an open viewing holds its agent's time, so no other open viewing of the agent may overlap it.
/// </summary>
public static class ViewingLifecycle
{
    /// <summary>Whether a viewing in <paramref name="status"/> holds its agent's time (Scheduled, Confirmed).</summary>
    public static bool IsOpen(ViewingStatus status) => status is ViewingStatus.Scheduled or ViewingStatus.Confirmed;

    /// <summary>
    /// The open viewings that share an instant with the period (as a query filter): back-to-back viewings (one ends
    /// as the other starts) do not clash.
    /// </summary>
    public static Expression<Func<Viewing, bool>> OpenDuring(DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        v => (v.Status == ViewingStatus.Scheduled || v.Status == ViewingStatus.Confirmed) && v.StartsAt < endsAt && startsAt < v.EndsAt;

    /// <summary>Why <paramref name="viewing"/> cannot move to <paramref name="to"/> now, or null when it can.</summary>
    public static string? Refusal(Viewing viewing, ViewingStatus to, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(viewing);
        var from = viewing.Status;
        if (!IsOpen(from))
        {
            return $"The viewing is {Describe(from)}: it cannot be {Verb(to)} any more.";
        }

        if (from == to)
        {
            return $"The viewing is already {Describe(from)}.";
        }

        if (to == ViewingStatus.Scheduled)
        {
            return "A viewing goes back to scheduled only by being rescheduled.";
        }

        if (to is ViewingStatus.Completed or ViewingStatus.NoShow && now < viewing.StartsAt)
        {
            return $"The viewing has not started yet: it cannot be {Verb(to)} before it starts.";
        }

        return null;
    }

    /// <summary>Moves the viewing to <paramref name="to"/>; throws when <see cref="Refusal"/> says it cannot.</summary>
    public static void Move(Viewing viewing, ViewingStatus to, DateTimeOffset now)
    {
        if (Refusal(viewing, to, now) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        viewing.Status = to;
    }

    /// <summary>Why <paramref name="viewing"/> cannot be rescheduled, or null when it can (only open ones can).</summary>
    public static string? RescheduleRefusal(Viewing viewing)
    {
        ArgumentNullException.ThrowIfNull(viewing);
        return IsOpen(viewing.Status) ? null : $"The viewing is {Describe(viewing.Status)}: it cannot be rescheduled.";
    }

    /// <summary>
    /// Moves an open viewing to a new period. A confirmed viewing goes back to scheduled: the applicant confirmed
    /// the old time, not the new one.
    /// </summary>
    public static void Reschedule(Viewing viewing, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        if (RescheduleRefusal(viewing) is { } refusal)
        {
            throw new InvalidOperationException(refusal);
        }

        if (endsAt <= startsAt)
        {
            throw new ArgumentException("A viewing ends after it starts.", nameof(endsAt));
        }

        if (viewing.StartsAt == startsAt && viewing.EndsAt == endsAt)
        {
            return;
        }

        viewing.StartsAt = startsAt;
        viewing.EndsAt = endsAt;
        viewing.Status = ViewingStatus.Scheduled;
    }

    private static string Describe(ViewingStatus status) => status switch
    {
        ViewingStatus.NoShow => "a no-show",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string Verb(ViewingStatus status) => status switch
    {
        ViewingStatus.NoShow => "marked a no-show",
        _ => status.ToString().ToLowerInvariant(),
    };
}
