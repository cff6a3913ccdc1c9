using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Pace.Listings;

namespace Pace.Matching;

/// <summary>Why a listing and a requirement scored what they did: one line a person reads, and what it cost.</summary>
/// <param name="Code">Stable code (<c>budget_over</c>, <c>beds_more</c>…) for clients that style or filter reasons.</param>
/// <param name="Text">What an agent reads: "budget +4%", "1 bed more than asked".</param>
/// <param name="Points">What it took off the score (0 for what fits as asked).</param>
public sealed record MatchReason(string Code, string Text, int Points);

/// <summary>A match's score out of <see cref="MatchScoring.FullScore"/> and every reason behind it.</summary>
public sealed record MatchScore(int Score, IReadOnlyList<MatchReason> Reasons);

/// <summary>The names of the places a location reason speaks of: the one the applicant asked for and the listing's.</summary>
public sealed record MatchPlaces(string? Asked, string? Listed);

/// <summary>
/// The score of a match: <see cref="FullScore"/> less points for each way the listing misses what was asked within
/// the <see cref="MatchTolerance"/> bands. Each miss is an expression over <see cref="MatchPair"/>: the queries rank
/// candidates with <see cref="ScoreExpression"/> in SQL (so only a page of rows leaves PostgreSQL), and
/// <see cref="Explain"/> runs the very same expressions, compiled, to say why — the two cannot disagree.
/// Percentages are whole and rounded up, so "budget +4%" is what the points were counted from.
/// </summary>
public static class MatchScoring
{
    public const int FullScore = 100;

    /// <summary>Points per whole percent over the top of the budget (10% over costs 30).</summary>
    public const int PerPercentOverBudget = 3;

    /// <summary>Points per whole percent under the bottom of the budget.</summary>
    public const int PerPercentUnderBudget = 1;

    /// <summary>Points per whole percent of size outside the asked range.</summary>
    public const int PerPercentOfSize = 2;

    public const int PerExtraBedroom = 10;

    /// <summary>Extra bedrooms beyond this many cost no more (when only a minimum was asked, any number above it matches).</summary>
    public const int MostExtraBedroomsCounted = 3;

    public const int PerMissingBathroom = 5;

    public const int MostMissingBathroomsCounted = 3;

    public const int FurnishingDiffers = 10;

    /// <summary>Ready asked and off-plan offered, or the other way round.</summary>
    public const int CompletionDiffers = 15;

    /// <summary>Within the area the applicant named but not the exact place (a building of the community they asked for is exact).</summary>
    public const int NearbyLocation = 5;

    internal static readonly Expression<Func<MatchPair, int>> PercentOverBudget = p =>
        p.BudgetMax > 0 && p.AnnualPriceMinor > p.BudgetMax
            ? (int)(((p.AnnualPriceMinor - p.BudgetMax.Value) * 100 + p.BudgetMax.Value - 1) / p.BudgetMax.Value)
            : 0;

    internal static readonly Expression<Func<MatchPair, int>> PercentUnderBudget = p =>
        p.BudgetMin > 0 && p.AnnualPriceMinor < p.BudgetMin
            ? (int)(((p.BudgetMin.Value - p.AnnualPriceMinor) * 100 + p.BudgetMin.Value - 1) / p.BudgetMin.Value)
            : 0;

    internal static readonly Expression<Func<MatchPair, int>> PercentUnderSize = p =>
        p.SizeMinSqft > 0 && p.SizeSqft < p.SizeMinSqft ? (int)Math.Ceiling((p.SizeMinSqft.Value - p.SizeSqft) * 100 / p.SizeMinSqft.Value) : 0;

    internal static readonly Expression<Func<MatchPair, int>> PercentOverSize = p =>
        p.SizeMaxSqft > 0 && p.SizeSqft > p.SizeMaxSqft ? (int)Math.Ceiling((p.SizeSqft - p.SizeMaxSqft.Value) * 100 / p.SizeMaxSqft.Value) : 0;

    /// <summary>Bedrooms over the most asked for (over the minimum when no maximum was given).</summary>
    /// <remarks>Written without <c>COALESCE(max, min)</c>: both may be query parameters, and two NULL parameters have no type in SQL.</remarks>
    internal static readonly Expression<Func<MatchPair, int>> ExtraBedrooms = p =>
        p.BedroomsMax != null
            ? p.Bedrooms > p.BedroomsMax ? p.Bedrooms!.Value - p.BedroomsMax.Value : 0
            : p.Bedrooms > p.BedroomsMin ? p.Bedrooms!.Value - p.BedroomsMin!.Value : 0;

    internal static readonly Expression<Func<MatchPair, int>> MissingBathrooms = p =>
        p.BathroomsMin > (p.Bathrooms ?? 0) ? p.BathroomsMin!.Value - (p.Bathrooms ?? 0) : 0;

    internal static readonly Expression<Func<MatchPair, int>> OtherFurnishing = p =>
        p.WantedFurnishing != null && p.WantedFurnishing != p.Furnishing ? 1 : 0;

    internal static readonly Expression<Func<MatchPair, int>> OtherCompletion = p =>
        p.WantedCompletion != null
        && (p.WantedCompletion == CompletionStatus.Completed || p.WantedCompletion == CompletionStatus.CompletedPrimary)
            != (p.CompletionStatus == CompletionStatus.Completed || p.CompletionStatus == CompletionStatus.CompletedPrimary)
            ? 1
            : 0;

    internal static readonly Expression<Func<MatchPair, int>> Nearby = p => !p.AnyLocation && !p.ExactLocation ? 1 : 0;

    private static readonly Func<MatchPair, int> OverBudget = PercentOverBudget.Compile();
    private static readonly Func<MatchPair, int> UnderBudget = PercentUnderBudget.Compile();
    private static readonly Func<MatchPair, int> UnderSize = PercentUnderSize.Compile();
    private static readonly Func<MatchPair, int> OverSize = PercentOverSize.Compile();
    private static readonly Func<MatchPair, int> MoreBedrooms = ExtraBedrooms.Compile();
    private static readonly Func<MatchPair, int> FewerBathrooms = MissingBathrooms.Compile();
    private static readonly Func<MatchPair, int> FurnishingMissed = OtherFurnishing.Compile();
    private static readonly Func<MatchPair, int> CompletionMissed = OtherCompletion.Compile();
    private static readonly Func<MatchPair, int> NotExact = Nearby.Compile();

    /// <summary>The score of a pair as PostgreSQL computes it to rank candidates (and <see cref="Explain"/> in process).</summary>
    public static Expression<Func<MatchPair, int>> ScoreExpression { get; } = BuildScore();

    private static readonly Func<MatchPair, int> Score = ScoreExpression.Compile();

    /// <summary>The score of <paramref name="pair"/> and its reasons, in the order an agent weighs them.</summary>
    public static MatchScore Explain(MatchPair pair, MatchPlaces places)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(places);
        var reasons = new List<MatchReason>();
        AddBudget(pair, reasons);
        AddBedrooms(pair, reasons);
        AddLocation(pair, places, reasons);
        AddSize(pair, reasons);
        AddBathrooms(pair, reasons);
        AddFurnishing(pair, reasons);
        AddCompletion(pair, reasons);
        return new MatchScore(Score(pair), reasons);
    }

    private static void AddBudget(MatchPair pair, List<MatchReason> reasons)
    {
        if (OverBudget(pair) is > 0 and var over)
        {
            reasons.Add(new("budget_over", $"budget +{over}%", over * PerPercentOverBudget));
        }
        else if (UnderBudget(pair) is > 0 and var under)
        {
            reasons.Add(new("budget_under", $"{under}% under the minimum budget", under * PerPercentUnderBudget));
        }
        else if (pair.BudgetMin is not null || pair.BudgetMax is not null)
        {
            reasons.Add(new("budget_within", "within budget", 0));
        }
    }

    private static void AddBedrooms(MatchPair pair, List<MatchReason> reasons)
    {
        if (pair.BedroomsMin is null && pair.BedroomsMax is null)
        {
            return;
        }

        if (MoreBedrooms(pair) is > 0 and var extra)
        {
            reasons.Add(new("beds_more", $"{Count(extra, "bed")} more than asked", Math.Min(extra, MostExtraBedroomsCounted) * PerExtraBedroom));
        }
        else
        {
            reasons.Add(new("beds_as_asked", pair.Bedrooms == 0 ? "studio as asked" : $"{Count(pair.Bedrooms ?? 0, "bed")} as asked", 0));
        }
    }

    private static void AddLocation(MatchPair pair, MatchPlaces places, List<MatchReason> reasons)
    {
        if (pair.AnyLocation)
        {
            return;
        }

        if (NotExact(pair) == 1)
        {
            reasons.Add(new("location_within", $"in {places.Asked ?? "the area asked"}, at {places.Listed ?? "a place within it"}", NearbyLocation));
        }
        else
        {
            reasons.Add(new("location_exact", $"in {places.Listed ?? "the place"} as asked", 0));
        }
    }

    private static void AddSize(MatchPair pair, List<MatchReason> reasons)
    {
        var size = pair.SizeSqft.ToString("#,0", CultureInfo.InvariantCulture);
        if (UnderSize(pair) is > 0 and var under)
        {
            reasons.Add(new("size_under", $"size −{under}% ({size} sqft)", under * PerPercentOfSize));
        }
        else if (OverSize(pair) is > 0 and var over)
        {
            reasons.Add(new("size_over", $"size +{over}% ({size} sqft)", over * PerPercentOfSize));
        }
        else if (pair.SizeMinSqft is not null || pair.SizeMaxSqft is not null)
        {
            reasons.Add(new("size_as_asked", $"{size} sqft as asked", 0));
        }
    }

    private static void AddBathrooms(MatchPair pair, List<MatchReason> reasons)
    {
        if (pair.BathroomsMin is null)
        {
            return;
        }

        reasons.Add(FewerBathrooms(pair) is > 0 and var missing
            ? new("baths_fewer", $"{Count(missing, "bath")} fewer than asked", Math.Min(missing, MostMissingBathroomsCounted) * PerMissingBathroom)
            : new("baths_as_asked", $"{Count(pair.Bathrooms ?? 0, "bath")} as asked", 0));
    }

    private static void AddFurnishing(MatchPair pair, List<MatchReason> reasons)
    {
        if (pair.WantedFurnishing is not { } wanted)
        {
            return;
        }

        reasons.Add(FurnishingMissed(pair) == 1
            ? new("furnishing_differs", $"{Words(pair.Furnishing)}, asked {Words(wanted)}", FurnishingDiffers)
            : new("furnishing_as_asked", $"{Words(wanted)} as asked", 0));
    }

    private static void AddCompletion(MatchPair pair, List<MatchReason> reasons)
    {
        if (pair.WantedCompletion is not { } wanted)
        {
            return;
        }

        reasons.Add(CompletionMissed(pair) == 1
            ? new("completion_differs", $"{Readiness(pair.CompletionStatus)}, asked {Readiness(wanted)}", CompletionDiffers)
            : new("completion_as_asked", $"{Readiness(wanted)} as asked", 0));
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Words(Furnishing furnishing) => furnishing switch
    {
        Furnishing.Furnished => "furnished",
        Furnishing.SemiFurnished => "semi-furnished",
        _ => "unfurnished",
    };

    private static string Readiness(CompletionStatus status) =>
        status is CompletionStatus.Completed or CompletionStatus.CompletedPrimary ? "ready" : "off-plan";

    /// <summary>FullScore − Σ points, never below zero, as one expression EF Core translates to SQL.</summary>
    private static Expression<Func<MatchPair, int>> BuildScore()
    {
        var pair = Expression.Parameter(typeof(MatchPair), "p");
        var min = typeof(Math).GetMethod(nameof(Math.Min), BindingFlags.Public | BindingFlags.Static, [typeof(int), typeof(int)])!;
        var max = typeof(Math).GetMethod(nameof(Math.Max), BindingFlags.Public | BindingFlags.Static, [typeof(int), typeof(int)])!;
        Expression Part(Expression<Func<MatchPair, int>> part) => new Rebind(part.Parameters[0], pair).Visit(part.Body);
        Expression Times(Expression value, int points) => Expression.Multiply(value, Expression.Constant(points));
        Expression AtMost(Expression value, int most) => Expression.Call(min, value, Expression.Constant(most));

        Expression[] points =
        [
            Times(Part(PercentOverBudget), PerPercentOverBudget),
            Times(Part(PercentUnderBudget), PerPercentUnderBudget),
            Times(Part(PercentUnderSize), PerPercentOfSize),
            Times(Part(PercentOverSize), PerPercentOfSize),
            Times(AtMost(Part(ExtraBedrooms), MostExtraBedroomsCounted), PerExtraBedroom),
            Times(AtMost(Part(MissingBathrooms), MostMissingBathroomsCounted), PerMissingBathroom),
            Times(Part(OtherFurnishing), FurnishingDiffers),
            Times(Part(OtherCompletion), CompletionDiffers),
            Times(Part(Nearby), NearbyLocation),
        ];
        var score = Expression.Call(max, Expression.Constant(0), Expression.Subtract(Expression.Constant(FullScore), points.Aggregate(Expression.Add)));
        return Expression.Lambda<Func<MatchPair, int>>(score, pair);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
