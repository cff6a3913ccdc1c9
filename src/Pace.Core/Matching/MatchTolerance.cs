namespace Pace.Matching;

/// <summary>
/// How far a listing may miss a requirement and still match (it then scores lower and says by how much). The hard
/// filters of both matching directions are these bands, solved for the side the query searches.
/// </summary>
public static class MatchTolerance
{
    /// <summary>A price up to this much over the top of the budget still matches.</summary>
    public const int BudgetOverPercent = 10;

    /// <summary>A price up to this much under the bottom of the budget still matches (the applicant set a floor for a reason).</summary>
    public const int BudgetUnderPercent = 20;

    /// <summary>A size up to this much outside the asked range still matches.</summary>
    public const int SizePercent = 10;

    /// <summary>Bedrooms above the most asked for that still match (a larger home at the price is an easy sell).</summary>
    public const int ExtraBedrooms = 1;

    /// <summary>
    /// The annual prices a budget takes (applicant → listings): from <see cref="BudgetUnderPercent"/> under its
    /// bottom to <see cref="BudgetOverPercent"/> over its top; an open end stays open.
    /// </summary>
    public static (long? Lowest, long? Highest) PricesFor(long? budgetMin, long? budgetMax) => (
        budgetMin is { } min ? CeilingDivide(min * (100 - BudgetUnderPercent), 100) : null,
        budgetMax is { } max ? max * (100 + BudgetOverPercent) / 100 : null);

    /// <summary>
    /// The budgets that take an annual price (listing → applicants): a requirement matches when its budget range
    /// overlaps this one. The same inequalities as <see cref="PricesFor"/>, solved for the budget.
    /// </summary>
    public static (long Lowest, long Highest) BudgetsFor(long annualPrice) => (
        CeilingDivide(annualPrice * 100, 100 + BudgetOverPercent),
        annualPrice * 100 / (100 - BudgetUnderPercent));

    /// <summary>The sizes an asked range takes, <see cref="SizePercent"/> either side.</summary>
    public static (decimal? Smallest, decimal? Largest) SizesFor(decimal? sizeMin, decimal? sizeMax) => (
        sizeMin * (100 - SizePercent) / 100,
        sizeMax * (100 + SizePercent) / 100);

    private static long CeilingDivide(long value, long by) => (value + by - 1) / by;
}
