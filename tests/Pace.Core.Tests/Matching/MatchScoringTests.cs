using Pace.Listings;
using Pace.Matching;

namespace Pace.Core.Tests.Matching;

public sealed class MatchScoringTests
{
    private static readonly Guid MarinaGate1 = Guid.CreateVersion7();

    /// <summary>A two-bedroom, 1,200 sqft ready flat at 2,000,000 AED in the building asked for, against a budget of 1.8–2.1M.</summary>
    private static MatchPair Pair(Action<MatchPair>? change = null)
    {
        var pair = new MatchPair
        {
            BedroomsMin = 2, BedroomsMax = 2, BudgetMin = 1_800_000_00, BudgetMax = 2_100_000_00, WantedLocationIds = [MarinaGate1],
            AnnualPriceMinor = 2_000_000_00, Bedrooms = 2, Bathrooms = 2, SizeSqft = 1_200m, Furnishing = Furnishing.Unfurnished,
            CompletionStatus = CompletionStatus.Completed, LocationId = MarinaGate1, ExactLocation = true,
        };
        change?.Invoke(pair);
        return pair;
    }

    private static MatchScore Explain(Action<MatchPair>? change = null) => MatchScoring.Explain(Pair(change), new MatchPlaces("Dubai Marina", "Marina Gate 1"));

    private static MatchReason Reason(MatchScore score, string code) => Assert.Single(score.Reasons, r => r.Code == code);

    [Fact]
    public void A_listing_that_is_everything_asked_scores_full_and_says_so()
    {
        var score = Explain();

        Assert.Equal(MatchScoring.FullScore, score.Score);
        Assert.Equal(["within budget", "2 beds as asked", "in Marina Gate 1 as asked"], score.Reasons.Select(r => r.Text));
        Assert.All(score.Reasons, r => Assert.Equal(0, r.Points));
    }

    [Fact]
    public void Over_budget_costs_three_points_per_whole_percent_rounded_up()
    {
        var four = Explain(p => p.AnnualPriceMinor = 2_184_000_00);
        var justOverThree = Explain(p => p.AnnualPriceMinor = 2_163_000_01);

        Assert.Equal(new MatchReason("budget_over", "budget +4%", 12), Reason(four, "budget_over"));
        Assert.Equal(88, four.Score);
        Assert.Equal("budget +4%", Reason(justOverThree, "budget_over").Text);
    }

    [Fact]
    public void Under_the_minimum_budget_costs_a_point_per_percent()
    {
        var score = Explain(p => p.AnnualPriceMinor = 1_620_000_00);

        Assert.Equal(new MatchReason("budget_under", "10% under the minimum budget", 10), Reason(score, "budget_under"));
        Assert.Equal(90, score.Score);
    }

    [Fact]
    public void More_bedrooms_than_asked_cost_ten_each_counted_up_to_three()
    {
        var one = Explain(p => p.Bedrooms = 3);
        var many = Explain(p => (p.BedroomsMax, p.Bedrooms) = (null, 7));
        var studio = Explain(p => (p.BedroomsMin, p.BedroomsMax, p.Bedrooms) = (0, 0, 0));

        Assert.Equal(new MatchReason("beds_more", "1 bed more than asked", 10), Reason(one, "beds_more"));
        Assert.Equal(90, one.Score);
        Assert.Equal(new MatchReason("beds_more", "5 beds more than asked", 30), Reason(many, "beds_more"));
        Assert.Equal("studio as asked", Reason(studio, "beds_as_asked").Text);
    }

    [Fact]
    public void Size_outside_the_range_costs_two_points_per_percent()
    {
        var small = Explain(p => (p.SizeMinSqft, p.SizeSqft) = (1_250m, 1_150m));
        var large = Explain(p => (p.SizeMaxSqft, p.SizeSqft) = (1_000m, 1_050.5m));
        var fits = Explain(p => p.SizeMinSqft = 1_100m);

        Assert.Equal(new MatchReason("size_under", "size −8% (1,150 sqft)", 16), Reason(small, "size_under"));
        Assert.Equal(new MatchReason("size_over", "size +6% (1,051 sqft)", 12), Reason(large, "size_over"));
        Assert.Equal("1,200 sqft as asked", Reason(fits, "size_as_asked").Text);
    }

    [Fact]
    public void Furnishing_readiness_and_bathrooms_that_differ_each_cost_their_points()
    {
        var score = Explain(p =>
        {
            p.WantedFurnishing = Furnishing.Furnished;
            p.WantedCompletion = CompletionStatus.OffPlan;
            p.BathroomsMin = 3;
        });
        var asked = Explain(p => (p.WantedFurnishing, p.WantedCompletion, p.CompletionStatus) = (Furnishing.Unfurnished, CompletionStatus.Completed, CompletionStatus.CompletedPrimary));

        Assert.Equal(new MatchReason("furnishing_differs", "unfurnished, asked furnished", 10), Reason(score, "furnishing_differs"));
        Assert.Equal(new MatchReason("completion_differs", "ready, asked off-plan", 15), Reason(score, "completion_differs"));
        Assert.Equal(new MatchReason("baths_fewer", "1 bath fewer than asked", 5), Reason(score, "baths_fewer"));
        Assert.Equal(70, score.Score);
        Assert.Equal("ready as asked", Reason(asked, "completion_as_asked").Text);
        Assert.Equal(MatchScoring.FullScore, asked.Score);
    }

    [Fact]
    public void A_place_within_the_area_asked_scores_a_little_less_than_the_place_itself()
    {
        var within = Explain(p => p.ExactLocation = false);
        var anywhere = Explain(p => (p.AnyLocation, p.ExactLocation, p.WantedLocationIds) = (true, false, []));

        Assert.Equal(new MatchReason("location_within", "in Dubai Marina, at Marina Gate 1", MatchScoring.NearbyLocation), Reason(within, "location_within"));
        Assert.Equal(MatchScoring.FullScore - MatchScoring.NearbyLocation, within.Score);
        Assert.DoesNotContain(anywhere.Reasons, r => r.Code.StartsWith("location", StringComparison.Ordinal));
        Assert.Equal(MatchScoring.FullScore, anywhere.Score);
    }

    [Fact]
    public void The_score_is_the_full_score_less_the_points_of_the_reasons_and_never_below_zero()
    {
        var poor = Explain(p =>
        {
            (p.AnnualPriceMinor, p.Bedrooms, p.BedroomsMax, p.ExactLocation) = (2_310_000_00, 6, null, false);
            (p.WantedFurnishing, p.WantedCompletion, p.BathroomsMin, p.Bathrooms) = (Furnishing.Furnished, CompletionStatus.OffPlan, 5, null);
            (p.SizeMinSqft, p.SizeSqft) = (1_320m, 1_200m);
        });

        Assert.Equal(0, poor.Score);
        Assert.True(poor.Reasons.Sum(r => r.Points) > MatchScoring.FullScore);
        var some = Explain(p => (p.AnnualPriceMinor, p.Bedrooms) = (2_184_000_00, 3));
        Assert.Equal(MatchScoring.FullScore - some.Reasons.Sum(r => r.Points), some.Score);
    }
}
