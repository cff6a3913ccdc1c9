using System.Net;
using System.Text.Json;
using Pace.Common;
using Pace.Listings;

namespace Pace.Web.Tests.Listings;

/// <summary>Listing search: filters, the location subtree, sorts and keyset pages, within visibility.</summary>
public sealed class ListingSearchTests
{
    [Fact]
    public async Task By_default_the_inventory_newest_first_and_other_statuses_only_within_visibility()
    {
        await using var world = await ListingWorld.StartAsync();
        var stock = new Stock(world);
        await stock.AddAsync("AA-S-1", status: ListingStatus.Live, ageDays: 5);
        await stock.AddAsync("AA-S-2", status: ListingStatus.UnderOffer, ageDays: 3);
        await stock.AddAsync("AA-S-3", status: ListingStatus.Live, ageDays: 1);
        await stock.AddAsync("AA-S-4", status: ListingStatus.Draft, ageDays: 2);
        await stock.AddAsync("AA-S-5", status: ListingStatus.Sold, ageDays: 4);
        await stock.AddAsync("AA-S-6", status: ListingStatus.Draft, agent: "agent2", location: world.BurjViews, ageDays: 1.5);

        Assert.Equal(["AA-S-3", "AA-S-2", "AA-S-1"], await References(world, "agent2", ""));
        Assert.Equal(["AA-S-6"], await References(world, "agent2", "status=draft"));
        Assert.Equal(["AA-S-4"], await References(world, "agent", "status=draft"));
        Assert.Equal(["AA-S-4", "AA-S-5"], await References(world, "manager", "status=draft&status=sold"));
        Assert.Equal(["AA-S-6", "AA-S-4"], await References(world, "admin", "status=draft"));
        Assert.Equal(["AA-S-3", "AA-S-6", "AA-S-4", "AA-S-2", "AA-S-5", "AA-S-1"], await References(world, "admin", "status=live,draft,under_offer,sold"));

        var row = (await world.GetAsync("agent2", "/api/v1/listings?reference=AA-S-3")).Body.GetProperty("items")[0];
        Assert.Equal("Marina Gate 1", row.GetProperty("locationName").GetString());
        Assert.Equal("Dubai Marina", row.GetProperty("communityName").GetString());
        Assert.Equal("agent", row.GetProperty("listingAgentName").GetString());
        Assert.Equal("live", row.GetProperty("status").GetString());
        Assert.Equal("sale", row.GetProperty("purpose").GetString());
        Assert.Equal("apartment", row.GetProperty("propertyType").GetString());
        Assert.Equal("AED", row.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Each_filter_narrows_the_inventory()
    {
        await using var world = await ListingWorld.StartAsync();
        var stock = new Stock(world);
        await stock.AddAsync("AA-S-101", price: 1_000_000, beds: 1, type: "apartment", furnishing: Furnishing.Furnished);
        await stock.AddAsync("AA-S-102", price: 3_000_000, beds: 3, type: "penthouse", location: world.MarinaGate, completion: CompletionStatus.OffPlan);
        await stock.AddAsync("AA-R-103", purpose: Purpose.Rent, price: 150_000, beds: 2, location: world.DubaiMarina);
        await stock.AddAsync("AA-S-104", price: 8_000_000, beds: 5, type: "villa", location: world.MarinaHeights, agent: "colleague");
        await stock.AddAsync("AA-S-105", price: 2_000_000, beds: null, type: "office-space", category: PropertyCategory.Commercial, location: world.BurjViews, agent: "agent2");
        await stock.AddAsync("AA-R-1055", purpose: Purpose.Rent, price: 90_000, beds: 0, location: world.BurjViews, agent: "agent2");

        async Task<string[]> Search(string query) => (await References(world, "agent", query)).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["AA-R-103", "AA-R-1055"], await Search("purpose=rent"));
        Assert.Equal(["AA-S-102", "AA-S-104"], await Search("type=villa&type=penthouse"));
        Assert.Equal(["AA-S-105"], await Search("category=commercial"));
        Assert.Equal(["AA-R-103", "AA-S-101", "AA-S-102"], await Search($"locationId={world.DubaiMarina}"));
        Assert.Equal(["AA-S-101", "AA-S-102"], await Search($"locationId={world.MarinaGate}"));
        Assert.Equal(["AA-R-103", "AA-R-1055", "AA-S-101", "AA-S-102", "AA-S-104", "AA-S-105"], await Search($"locationId={world.Dubai}"));
        Assert.Equal(["AA-R-103", "AA-S-102"], await Search("bedsMin=2&bedsMax=3"));
        Assert.Equal(["AA-R-1055", "AA-S-101"], await Search("bedsMax=1"));
        Assert.Equal(["AA-S-101", "AA-S-105"], await Search("priceMin=100000000&priceMax=200000000"));
        Assert.Equal(["AA-S-104"], await Search($"agentId={world.User("colleague").Id}"));
        Assert.Equal(["AA-S-101"], await Search("furnishing=furnished"));
        Assert.Equal(["AA-S-102"], await Search("completion=off_plan"));
        Assert.Equal(["AA-S-101", "AA-S-102", "AA-S-104", "AA-S-105"], await Search("reference=aa-s-10"));
        Assert.Equal(["AA-R-1055", "AA-S-105"], await Search("reference=105"));
        Assert.Equal(["AA-R-103"], await Search("reference=AA-R-103&bedsMin=2"));
    }

    [Fact]
    public async Task Sorts_and_keyset_pages_never_overlap_and_add_up_to_the_whole_result()
    {
        await using var world = await ListingWorld.StartAsync();
        var stock = new Stock(world);
        var beds = new short?[] { 2, null, 0, 2, 1, null, 3, 2, 1, 0, null };
        for (var i = 0; i < beds.Length; i++)
        {
            // Equal prices and equal ages on purpose: the id breaks the ties.
            await stock.AddAsync($"AA-S-{200 + i}", price: 1_000_000 + (i % 4) * 250_000, beds: beds[i], ageDays: i % 3);
        }

        await stock.AddAsync("AA-R-299", purpose: Purpose.Rent, price: 100_000, beds: 1);

        foreach (var sort in new[] { "newest", "price_asc", "price_desc", "beds" })
        {
            var query = $"purpose=sale&sort={sort}";
            var whole = await Rows(world, "agent", query + "&limit=200");
            var paged = new List<JsonElement>();
            string? cursor = null;
            var pages = 0;
            do
            {
                var page = await world.GetAsync("agent", $"/api/v1/listings?{query}&limit=3{(cursor is null ? "" : $"&cursor={cursor}")}");
                Assert.Equal(HttpStatusCode.OK, page.Status);
                paged.AddRange(page.Body.GetProperty("items").EnumerateArray());
                cursor = page.Text("nextCursor");
                pages++;
            }
            while (cursor is not null);

            var ids = paged.Select(r => r.GetProperty("id").GetGuid()).ToList();
            Assert.Equal(11, whole.Count);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal(whole.Select(r => r.GetProperty("id").GetGuid()), ids);
            Assert.Equal(4, pages);
            Assert.True(InOrder(sort, paged), $"{sort}: {string.Join(", ", paged.Select(Describe))}");
        }

        var byBeds = await Rows(world, "agent", "purpose=sale&sort=beds");
        Assert.Equal([0, 0, 1, 1, 2, 2, 2, 3, -1, -1, -1], byBeds.Select(Beds));
    }

    [Fact]
    public async Task Bad_queries_are_refused_by_parameter()
    {
        await using var world = await ListingWorld.StartAsync();
        var stock = new Stock(world);
        await stock.AddAsync("AA-S-300");
        await stock.AddAsync("AA-S-301");
        var next = (await world.GetAsync("agent", "/api/v1/listings?limit=1")).Text("nextCursor");

        var priceSort = await world.GetAsync("agent", "/api/v1/listings?sort=price_asc");
        var bad = await world.GetAsync("agent",
            $"/api/v1/listings?sort=cheapest&status=on_hold&purpose=buy&bedsMin=4&bedsMax=2&priceMin=-1&limit=0&locationId={Guid.NewGuid()}&reference=AA%25&furnishing=partly");
        var otherSort = await world.GetAsync("agent", $"/api/v1/listings?purpose=sale&sort=price_desc&cursor={next}");

        Assert.Equal(["purpose"], priceSort.Errors.Keys);
        Assert.Equal(
            ["bedsMax", "furnishing", "limit", "locationId", "priceMin", "purpose", "reference", "sort", "status"],
            bad.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["cursor"], otherSort.Errors.Keys);
    }

    private static async Task<List<string>> References(ListingWorld world, string who, string query)
    {
        var rows = await Rows(world, who, query);
        return rows.Select(r => r.GetProperty("reference").GetString()!).ToList();
    }

    private static async Task<List<JsonElement>> Rows(ListingWorld world, string who, string query)
    {
        var answer = await world.GetAsync(who, $"/api/v1/listings?{query}");
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body.ToString());
        return answer.Body.GetProperty("items").EnumerateArray().ToList();
    }

    private static int Beds(JsonElement row) =>
        row.GetProperty("bedrooms").ValueKind == JsonValueKind.Null ? -1 : row.GetProperty("bedrooms").GetInt32();

    private static long Price(JsonElement row) => row.GetProperty("priceMinor").GetInt64();

    private static string Describe(JsonElement row) => $"{row.GetProperty("reference").GetString()} {Price(row)} {Beds(row)}";

    private static bool InOrder(string sort, List<JsonElement> rows) => rows.Zip(rows.Skip(1)).All(pair => sort switch
    {
        "price_asc" => Price(pair.First) <= Price(pair.Second),
        "price_desc" => Price(pair.First) >= Price(pair.Second),
        "beds" => Beds(pair.First) == Beds(pair.Second) ? Price(pair.First) <= Price(pair.Second)
            : Beds(pair.Second) == -1 || (Beds(pair.First) != -1 && Beds(pair.First) < Beds(pair.Second)),
        _ => pair.First.GetProperty("createdAt").GetDateTimeOffset() >= pair.Second.GetProperty("createdAt").GetDateTimeOffset(),
    });

    /// <summary>Listings written straight to the database, to search a known stock.</summary>
    private sealed class Stock(ListingWorld world)
    {
        public async Task AddAsync(
            string reference, ListingStatus status = ListingStatus.Live, Purpose purpose = Purpose.Sale, long price = 2_000_000, short? beds = 2,
            string type = "apartment", PropertyCategory category = PropertyCategory.Residential, Guid? location = null, string agent = "agent",
            Furnishing furnishing = Furnishing.Unfurnished, CompletionStatus completion = CompletionStatus.Completed, double ageDays = 0)
        {
            await using var db = world.Host.Database.CreatePaceDbContext();
            var created = world.Host.Clock.Now.AddDays(-ageDays);
            db.Listings.Add(new Listing
            {
                Reference = reference,
                Purpose = purpose,
                Category = category,
                PropertyType = type,
                Status = status,
                StatusChangedAt = created,
                PriceMinor = Money.FromAed(price).Minor,
                RentFrequency = purpose == Purpose.Rent ? RentFrequency.Yearly : null,
                Bedrooms = beds,
                SizeSqft = 1_000m,
                LocationId = location ?? world.MarinaGate1,
                Furnishing = furnishing,
                CompletionStatus = completion,
                TitleEn = reference,
                DescriptionEn = reference,
                ListingAgentId = world.User(agent).Id,
                PublishedAt = ListingLifecycle.IsOnMarket(status) ? created : null,
                CreatedAt = created,
                UpdatedAt = created,
            });
            await db.SaveChangesAsync();
        }
    }
}
