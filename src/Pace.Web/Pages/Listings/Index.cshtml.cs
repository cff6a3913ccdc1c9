using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pace.Common;
using Pace.Data;
using Pace.Listings;
using Pace.Reference;
using Pace.Web.Identity;
using Pace.Web.Listings;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Listings;

/// <summary>
/// Listings as a table or a grid of photos, through the API's own search handler: the inventory by default, or one
/// status, or the caller's own; filters by purpose, type, bedrooms, price and place; keyset "next page".
/// </summary>
[Authorize(Policy = PacePolicies.Staff)]
public sealed class IndexModel(PaceDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Purpose { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    /// <summary>A status code, <c>all</c>, or empty for the inventory (live and under offer).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Beds { get; set; }

    [BindProperty(SupportsGet = true)]
    public decimal? MaxPrice { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? LocationId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Mine { get; set; }

    /// <summary><c>grid</c> (photos) or <c>table</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public ListingPage Results { get; private set; } = new([], null);

    public IReadOnlyList<Choice> Types { get; private set; } = [];

    public string? PlaceName { get; private set; }

    public FormErrors Errors { get; private set; } = new();

    public bool Grid => View != "table";

    public bool Filtered => Purpose is not null || Type is not null || Status is not null || Beds is not null || MaxPrice is not null || LocationId is not null || Mine;

    public string UrlWith(string? cursor = null, string? view = null) => "/listings" + QueryString.Create(new Dictionary<string, string?>
    {
        ["purpose"] = Purpose, ["type"] = Type, ["status"] = Status, ["beds"] = Beds?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["maxPrice"] = MaxPrice?.ToString(System.Globalization.CultureInfo.InvariantCulture), ["locationId"] = LocationId?.ToString(),
        ["mine"] = Mine ? "true" : null, ["view"] = view ?? View, ["cursor"] = cursor,
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Types = await ReferenceChoices.ListAsync(db, ReferenceKind.PropertyType, cancellationToken);
        var query = new ListingSearchQuery
        {
            Purpose = Purpose,
            Type = string.IsNullOrEmpty(Type) ? null : [Type],
            Status = Status switch
            {
                null or "" => null,
                "all" => [.. Enum.GetValues<ListingStatus>().Select(s => Show.Code(s))],
                var one => [one],
            },
            BedsMin = Beds,
            PriceMax = MaxPrice is { } max ? Money.FromAed(max).Minor : null,
            LocationId = LocationId,
            AgentId = Mine ? User.ToActor().UserId : null,
            Cursor = string.IsNullOrEmpty(Cursor) ? null : Cursor,
            Limit = 24,
        };
        var outcome = ApiOutcome.From<ListingPage>(await ListingSearch.SearchAsync(query, HttpContext, db, cancellationToken));
        Results = outcome.Value ?? Results;
        Errors = new FormErrors(outcome.Errors);
        if (LocationId is { } place)
        {
            PlaceName = await LocationLookup.NameAsync(db, place, cancellationToken);
        }

        return Htmx.WantsFragment(Request) ? Partial("_ListingResults", this) : Page();
    }
}
