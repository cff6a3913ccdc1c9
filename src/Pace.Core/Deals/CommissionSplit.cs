namespace Pace.Deals;

/// <summary>One agent's share of a commission as asked for: a percentage or an amount in minor units, not both.</summary>
public sealed record SplitShare(Guid? AgentId, decimal? Percent, long? AmountMinor);

/// <summary>One agent's share as allocated: the amount always, the percentage when the split was given in percent.</summary>
public sealed record SplitAllocation(Guid AgentId, decimal? Percent, long AmountMinor);

/// <summary>
/// A problem with the split: <see cref="Index"/> is the share it is about (null for the split as a whole) and
/// <see cref="Member"/> the field of that share (<c>agentId</c>, <c>percent</c>, <c>amountMinor</c>) or null.
/// </summary>
public sealed record SplitProblem(int? Index, string? Member, string Message);

/// <summary>
/// Divides a deal's commission between agents. Shares are given all in percent (adding up to 100) or all as
/// amounts (adding up to the commission). Percentages are turned into whole fils that add up exactly to the
/// commission: each share gets its rounded-down amount, and the fils left over go to the shares that lost the
/// most in rounding (the earlier share on a tie).
/// </summary>
public static class CommissionSplit
{
    /// <summary>Percentages carry at most two decimals (33.33).</summary>
    public const int PercentDecimals = 2;

    public static IReadOnlyList<SplitAllocation> Allocate(long commissionMinor, IReadOnlyList<SplitShare> shares, out IReadOnlyList<SplitProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var found = new List<SplitProblem>();
        problems = found;
        if (commissionMinor < 0)
        {
            found.Add(new SplitProblem(null, null, "The commission cannot be negative."));
            return [];
        }

        if (shares.Count == 0)
        {
            if (commissionMinor > 0)
            {
                found.Add(new SplitProblem(null, null, "Say how the commission is split: at least one agent with a percent or an amount."));
            }

            return [];
        }

        var seen = new HashSet<Guid>();
        for (var i = 0; i < shares.Count; i++)
        {
            var share = shares[i];
            if (share.AgentId is not { } agent || agent == Guid.Empty)
            {
                found.Add(new SplitProblem(i, "agentId", "Each share names an agent."));
            }
            else if (!seen.Add(agent))
            {
                found.Add(new SplitProblem(i, "agentId", "An agent appears once in a split."));
            }

            if (share.Percent is null == share.AmountMinor is null)
            {
                found.Add(new SplitProblem(i, "percent", "Give either percent or amountMinor for each share, not both and not neither."));
            }
            else if (share.Percent is { } percent && (percent <= 0 || percent > 100 || decimal.Round(percent, PercentDecimals) != percent))
            {
                found.Add(new SplitProblem(i, "percent", "percent is more than 0 and at most 100, with at most two decimals."));
            }
            else if (share.AmountMinor is { } amount && amount < 0)
            {
                found.Add(new SplitProblem(i, "amountMinor", "amountMinor cannot be negative."));
            }
        }

        if (found.Count > 0)
        {
            return [];
        }

        var byPercent = shares[0].Percent is not null;
        if (shares.Any(s => s.Percent is not null != byPercent))
        {
            found.Add(new SplitProblem(null, null, "Give every share in percent, or every share as an amount: not a mix."));
            return [];
        }

        if (!byPercent)
        {
            var total = shares.Sum(s => s.AmountMinor!.Value);
            if (total != commissionMinor)
            {
                found.Add(new SplitProblem(null, null, $"The amounts add up to {total}; they must add up to the commission, {commissionMinor}."));
                return [];
            }

            return shares.Select(s => new SplitAllocation(s.AgentId!.Value, null, s.AmountMinor!.Value)).ToList();
        }

        var percentTotal = shares.Sum(s => s.Percent!.Value);
        if (percentTotal != 100m)
        {
            found.Add(new SplitProblem(null, null, $"The percentages add up to {percentTotal:0.##}; they must add up to 100."));
            return [];
        }

        var exact = shares.Select(s => commissionMinor * s.Percent!.Value / 100m).ToList();
        var amounts = exact.Select(e => (long)decimal.Floor(e)).ToList();
        var left = commissionMinor - amounts.Sum();
        foreach (var i in Enumerable.Range(0, shares.Count).OrderByDescending(i => exact[i] - amounts[i]).ThenBy(i => i).Take((int)left))
        {
            amounts[i]++;
        }

        return shares.Select((s, i) => new SplitAllocation(s.AgentId!.Value, s.Percent, amounts[i])).ToList();
    }
}
