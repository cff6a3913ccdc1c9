using System.Linq.Expressions;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Data.Locations;
using Pace.Listings;
using Pace.Web.Common;
using Pace.Web.Identity;

namespace Pace.Web.Listings;

/// <summary>The filters, sort and page of <c>GET /api/v1/listings</c> (query string; lists by repeating the key).</summary>
public sealed class ListingSearchQuery
{
    /// <summary>A reference or its beginning (<c>AA-S-102</c>), or just its number; searches every status unless <see cref="Status"/> says.</summary>
    public string? Reference { get; set; }

    /// <summary><c>sale</c> or <c>rent</c>; needed by the price sorts.</summary>
    public string? Purpose { get; set; }

    /// <summary>Property type codes (<c>apartment</c>, <c>villa</c>…).</summary>
    public string[]? Type { get; set; }

    public string? Category { get; set; }

    /// <summary>A node of the location tree: listings anywhere beneath it (a community, a building).</summary>
    public Guid? LocationId { get; set; }

    public int? BedsMin { get; set; }

    public int? BedsMax { get; set; }

    /// <summary>In minor units (fils), like <c>priceMinor</c>.</summary>
    public long? PriceMin { get; set; }

    /// <summary>In minor units (fils), like <c>priceMinor</c>.</summary>
    public long? PriceMax { get; set; }

    /// <summary>Statuses; by default the inventory (live and under offer). Others only as far as the caller may see them.</summary>
    public string[]? Status { get; set; }

    public Guid? AgentId { get; set; }

    public string? Furnishing { get; set; }

    /// <summary>The completion status (<c>completed</c>, <c>off_plan</c>…).</summary>
    public string? Completion { get; set; }

    /// <summary><c>newest</c> (default), <c>price_asc</c>, <c>price_desc</c> or <c>beds</c> (fewest first, listings without bedrooms last).</summary>
    public string? Sort { get; set; }

    public string? Cursor { get; set; }

    public int? Limit { get; set; }
}

/// <summary>
/// Listing search: filters, four sorts, keyset pages, through the visibility rules. Each sort is served by an index
/// read in order (migration 0004 explains which), so a page costs the same at any depth and nothing is counted.
/// </summary>
public static partial class ListingSearch
{
    public const int MaxLimit = 200;

    private const string Newest = "newest";
    private const string PriceAsc = "price_asc";
    private const string PriceDesc = "price_desc";
    private const string Beds = "beds";

    internal static readonly string[] Sorts = [Newest, PriceAsc, PriceDesc, Beds];

    internal static async Task<Results<Ok<ListingPage>, ValidationProblem>> SearchAsync(
        [AsParameters] ListingSearchQuery query, HttpContext context, PaceDbContext db, CancellationToken cancellationToken)
    {
        var errors = ApiProblems.Errors();
        var filter = await ParseAsync(query, db, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var listings = Filter(db.Listings.AsNoTracking().VisibleTo(context.User.ToActor(), db.Users), filter);
        var take = filter.Size + 1;
        var after = filter.After;
        List<Hit> hits;
        switch (filter.Sort)
        {
            case PriceAsc:
                hits = await FetchAsync(
                    (after is null ? listings : listings.Where(l => EF.Functions.GreaterThan(ValueTuple.Create(l.PriceMinor, l.Id), ValueTuple.Create(after.Price!.Value, after.Id))))
                        .OrderBy(l => l.PriceMinor).ThenBy(l => l.Id), take, cancellationToken);
                break;
            case PriceDesc:
                hits = await FetchAsync(
                    (after is null ? listings : listings.Where(l => EF.Functions.LessThan(ValueTuple.Create(l.PriceMinor, l.Id), ValueTuple.Create(after.Price!.Value, after.Id))))
                        .OrderByDescending(l => l.PriceMinor).ThenByDescending(l => l.Id), take, cancellationToken);
                break;
            case Beds:
                hits = await FetchByBedsAsync(listings, after, take, cancellationToken);
                break;
            default:
                hits = await FetchAsync(
                    (after is null ? listings : listings.Where(l => EF.Functions.LessThan(ValueTuple.Create(l.CreatedAt, l.Id), ValueTuple.Create(after.CreatedAt!.Value, after.Id))))
                        .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id), take, cancellationToken);
                break;
        }

        var page = hits.Take(filter.Size).ToList();
        var locations = await ListingReads.LocationsAsync(db, page.Select(h => h.LocationId).Distinct().ToList(), cancellationToken);
        var items = page.Select(h => new ListingRow(
                h.Id, h.Reference, h.Title, h.Purpose, h.PropertyType, h.Status, h.PriceMinor, h.Currency, h.RentFrequency, h.Bedrooms,
                h.Bathrooms, h.SizeSqft, h.LocationId, locations[h.LocationId].Name, locations[h.LocationId].CommunityName, h.ListingAgentId,
                h.AgentName, h.ImageUrl, h.PublishedAt, h.CreatedAt))
            .ToList();
        var last = page.LastOrDefault();
        var next = hits.Count > filter.Size && last is not null
            ? KeysetCursor.Encode(new SearchCursor(filter.Sort, last.CreatedAt, last.PriceMinor, last.Bedrooms, last.Id))
            : null;
        return TypedResults.Ok(new ListingPage(items, next));
    }

    /// <summary>
    /// Fewest bedrooms first, then price, then id; listings without bedrooms (offices, land) last, by price. Two ranges
    /// of the same index: the second is read only when the first runs out within the page.
    /// </summary>
    private static async Task<List<Hit>> FetchByBedsAsync(IQueryable<Listing> listings, SearchCursor? after, int take, CancellationToken cancellationToken)
    {
        var hits = new List<Hit>();
        if (after is null || after.Beds is not null)
        {
            var withBeds = listings.Where(l => l.Bedrooms != null);
            if (after is not null)
            {
                withBeds = withBeds.Where(l => EF.Functions.GreaterThan(
                    ValueTuple.Create(l.Bedrooms, l.PriceMinor, l.Id), ValueTuple.Create(after.Beds, after.Price!.Value, after.Id)));
            }

            hits.AddRange(await FetchAsync(withBeds.OrderBy(l => l.Bedrooms).ThenBy(l => l.PriceMinor).ThenBy(l => l.Id), take, cancellationToken));
        }

        if (hits.Count < take)
        {
            var withoutBeds = listings.Where(l => l.Bedrooms == null);
            if (after is { Beds: null })
            {
                withoutBeds = withoutBeds.Where(l => EF.Functions.GreaterThan(ValueTuple.Create(l.PriceMinor, l.Id), ValueTuple.Create(after.Price!.Value, after.Id)));
            }

            hits.AddRange(await FetchAsync(withoutBeds.OrderBy(l => l.PriceMinor).ThenBy(l => l.Id), take - hits.Count, cancellationToken));
        }

        return hits;
    }

    private static Task<List<Hit>> FetchAsync(IQueryable<Listing> ordered, int take, CancellationToken cancellationToken) =>
        ordered.Take(take)
            .Select(l => new Hit(
                l.Id, l.Reference, l.TitleEn, l.Purpose, l.PropertyType, l.Status, l.PriceMinor, l.Currency, l.RentFrequency, l.Bedrooms,
                l.Bathrooms, l.SizeSqft, l.LocationId, l.ListingAgentId, l.ListingAgent!.DisplayName,
                l.Media.Where(m => m.Kind == MediaKind.Image).OrderBy(m => m.SortOrder).ThenBy(m => m.Id).Select(m => m.Url).FirstOrDefault(),
                l.PublishedAt, l.CreatedAt))
            .ToListAsync(cancellationToken);

    private static IQueryable<Listing> Filter(IQueryable<Listing> listings, Criteria filter)
    {
        if (filter.Statuses is { } statuses)
        {
            listings = listings.Where(StatusIn(statuses));
        }

        if (filter.ReferencePrefixes is [var pattern])
        {
            listings = listings.Where(l => EF.Functions.Like(l.Reference, pattern));
        }
        else if (filter.ReferencePrefixes is [var sale, var rent])
        {
            listings = listings.Where(l => EF.Functions.Like(l.Reference, sale) || EF.Functions.Like(l.Reference, rent));
        }

        if (filter.Purpose is { } purpose)
        {
            listings = listings.Where(l => l.Purpose == purpose);
        }

        if (filter.Types is { } types)
        {
            listings = listings.Where(l => types.Contains(l.PropertyType));
        }

        if (filter.Category is { } category)
        {
            listings = listings.Where(l => l.Category == category);
        }

        if (filter.LocationIds is { } locationIds)
        {
            listings = listings.Where(l => locationIds.Contains(l.LocationId));
        }

        if (filter.BedsMin is { } bedsMin)
        {
            listings = listings.Where(l => l.Bedrooms >= bedsMin);
        }

        if (filter.BedsMax is { } bedsMax)
        {
            listings = listings.Where(l => l.Bedrooms <= bedsMax);
        }

        if (filter.PriceMin is { } priceMin)
        {
            listings = listings.Where(l => l.PriceMinor >= priceMin);
        }

        if (filter.PriceMax is { } priceMax)
        {
            listings = listings.Where(l => l.PriceMinor <= priceMax);
        }

        if (filter.AgentId is { } agentId)
        {
            listings = listings.Where(l => l.ListingAgentId == agentId);
        }

        if (filter.Furnishing is { } furnishing)
        {
            listings = listings.Where(l => l.Furnishing == furnishing);
        }

        if (filter.Completion is { } completion)
        {
            listings = listings.Where(l => l.CompletionStatus == completion);
        }

        return listings;
    }

    /// <summary>
    /// <c>status IN (...)</c> with the statuses as SQL constants, not a parameter: the planner then sees that a search
    /// of the inventory matches the predicate of the inventory's partial indexes.
    /// </summary>
    private static Expression<Func<Listing, bool>> StatusIn(IReadOnlyList<ListingStatus> statuses)
    {
        var listing = Expression.Parameter(typeof(Listing), "l");
        var status = Expression.Property(listing, nameof(Listing.Status));
        var body = statuses.Select(s => (Expression)Expression.Equal(status, Expression.Constant(s))).Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<Listing, bool>>(body, listing);
    }

    private static async Task<Criteria> ParseAsync(ListingSearchQuery query, PaceDbContext db, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var size = query.Limit ?? 50;
        if (size is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        var sort = query.Sort?.Trim().ToLowerInvariant() ?? Newest;
        if (!Sorts.Contains(sort))
        {
            errors["sort"] = [$"sort must be one of: {string.Join(", ", Sorts)}."];
        }

        var criteria = new Criteria(sort, size)
        {
            Purpose = Optional<Purpose>(query.Purpose, nameof(query.Purpose), errors),
            Category = Optional<PropertyCategory>(query.Category, nameof(query.Category), errors),
            Furnishing = Optional<Furnishing>(query.Furnishing, nameof(query.Furnishing), errors),
            Completion = Optional<CompletionStatus>(query.Completion, nameof(query.Completion), errors),
            BedsMin = query.BedsMin,
            BedsMax = query.BedsMax,
            PriceMin = query.PriceMin,
            PriceMax = query.PriceMax,
            AgentId = query.AgentId,
        };
        if (sort is PriceAsc or PriceDesc && criteria.Purpose is null && !errors.ContainsKey("purpose"))
        {
            errors["purpose"] = [$"sort {sort} needs purpose (sale or rent): a sale price and a rent do not compare."];
        }

        CheckRange("beds", query.BedsMin, query.BedsMax, 0, 20, errors);
        CheckRange("price", query.PriceMin, query.PriceMax, 0, long.MaxValue, errors);

        var types = Values(query.Type);
        if (types.Length > 0)
        {
            criteria.Types = types.Any(t => t.Length > 64) ? null : types.Select(t => t.ToLowerInvariant()).ToArray();
            if (criteria.Types is null)
            {
                errors["type"] = ["type is a property type code of at most 64 characters."];
            }
        }

        var statuses = Values(query.Status);
        if (statuses.Length > 0)
        {
            var parsed = statuses.Select(s => ListingInput.TryParse<ListingStatus>(s, out var status) ? status : (ListingStatus?)null).ToList();
            if (parsed.Any(s => s is null))
            {
                errors["status"] = [ListingInput.EnumError<ListingStatus>(nameof(query.Status))];
            }
            else
            {
                criteria.Statuses = parsed.Select(s => s!.Value).Distinct().ToList();
            }
        }
        else if (string.IsNullOrWhiteSpace(query.Reference))
        {
            criteria.Statuses = Visibility.InventoryStatuses;
        }

        if (!string.IsNullOrWhiteSpace(query.Reference))
        {
            var reference = query.Reference.Trim().ToUpperInvariant();
            if (!ReferencePattern().IsMatch(reference))
            {
                errors["reference"] = ["reference is a listing reference or its beginning (letters, digits and '-', at most 32), e.g. AA-S-10234."];
            }
            else
            {
                // Only the number typed: it is one of the two references with that beginning.
                criteria.ReferencePrefixes = reference.All(char.IsAsciiDigit)
                    ? [ListingReference.PrefixOf(Pace.Listings.Purpose.Sale) + reference + "%", ListingReference.PrefixOf(Pace.Listings.Purpose.Rent) + reference + "%"]
                    : [reference + "%"];
            }
        }

        if (query.Cursor is not null)
        {
            var cursor = KeysetCursor.Decode<SearchCursor>(query.Cursor);
            var fits = cursor is not null && cursor.Sort == sort && sort switch
            {
                Newest => cursor.CreatedAt is not null,
                _ => cursor.Price is not null,
            };
            if (!fits)
            {
                errors["cursor"] = ["cursor is not one this API returned for this sort."];
            }
            else
            {
                criteria.After = cursor;
            }
        }

        if (query.LocationId is { } locationId)
        {
            var path = await db.Locations.Where(x => x.Id == locationId).Select(x => x.Path).FirstOrDefaultAsync(cancellationToken);
            if (path is null)
            {
                errors["locationId"] = [$"There is no location {locationId}."];
            }
            else
            {
                // The subtree through ux_locations_path (a prefix of the path), then listings by location_id.
                criteria.LocationIds = await LocationTree.SubtreeAsync(db, path, cancellationToken);
            }
        }

        return criteria;
    }

    private static T? Optional<T>(string? value, string property, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (ListingInput.TryParse<T>(value, out var parsed))
        {
            return parsed;
        }

        errors[JsonNamingPolicy.CamelCase.ConvertName(property)] = [ListingInput.EnumError<T>(property)];
        return null;
    }

    private static void CheckRange(string name, long? min, long? max, long lowest, long highest, Dictionary<string, string[]> errors)
    {
        if (min is { } from && (from < lowest || from > highest))
        {
            errors[name + "Min"] = [$"{name}Min must be between {lowest} and {highest}."];
        }

        if (max is { } to && (to < lowest || to > highest))
        {
            errors[name + "Max"] = [$"{name}Max must be between {lowest} and {highest}."];
        }
        else if (min is not null && max is not null && min > max)
        {
            errors[name + "Max"] = [$"{name}Max must not be below {name}Min."];
        }
    }

    /// <summary>Repeated keys and comma-separated values alike: <c>type=villa&amp;type=townhouse</c> or <c>type=villa,townhouse</c>.</summary>
    private static string[] Values(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

    [GeneratedRegex("^[A-Z0-9-]{1,32}$")]
    private static partial Regex ReferencePattern();

    /// <summary>The position after the last listing of a page: the keys of its sort and the id.</summary>
    private sealed record SearchCursor(string Sort, DateTimeOffset? CreatedAt, long? Price, short? Beds, Guid Id);

    private sealed record Hit(
        Guid Id, string Reference, string Title, Purpose Purpose, string PropertyType, ListingStatus Status, long PriceMinor, string Currency,
        RentFrequency? RentFrequency, short? Bedrooms, short? Bathrooms, decimal SizeSqft, Guid LocationId, Guid ListingAgentId,
        string AgentName, string? ImageUrl, DateTimeOffset? PublishedAt, DateTimeOffset CreatedAt);

    /// <summary>The parsed query.</summary>
    private sealed class Criteria(string sort, int size)
    {
        public string Sort { get; } = sort;

        public int Size { get; } = size;

        public IReadOnlyList<ListingStatus>? Statuses { get; set; }

        public string[]? ReferencePrefixes { get; set; }

        public Purpose? Purpose { get; init; }

        public string[]? Types { get; set; }

        public PropertyCategory? Category { get; init; }

        public List<Guid>? LocationIds { get; set; }

        public int? BedsMin { get; init; }

        public int? BedsMax { get; init; }

        public long? PriceMin { get; init; }

        public long? PriceMax { get; init; }

        public Guid? AgentId { get; init; }

        public Furnishing? Furnishing { get; init; }

        public CompletionStatus? Completion { get; init; }

        public SearchCursor? After { get; set; }
    }
}
