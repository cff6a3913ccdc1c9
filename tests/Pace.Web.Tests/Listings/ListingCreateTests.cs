using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pace.Activities;

namespace Pace.Web.Tests.Listings;

/// <summary>Creating and editing listings: every field validated by name, references, the agent, ETags.</summary>
public sealed partial class ListingCreateTests
{
    private static readonly string[] UnknownAmenities = ["shared-pool", "moat", "helipad"];

    [Fact]
    public async Task A_listing_is_created_as_a_draft_of_its_agent_with_a_sale_reference()
    {
        await using var world = await ListingWorld.StartAsync();

        var created = await world.CreateListingAsync("agent");

        Assert.Matches(SaleReference(), created.Text("reference"));
        Assert.Equal("draft", created.Text("status"));
        Assert.NotNull(created.ETag);
        Assert.Equal(world.User("agent").Id, created.Body.GetProperty("listingAgent").GetProperty("id").GetGuid());
        Assert.Equal("Marina Gate 1", created.Body.GetProperty("location").GetProperty("name").GetString());
        Assert.Equal("Dubai Marina", created.Body.GetProperty("location").GetProperty("communityName").GetString());
        Assert.Equal(["shared-pool", "balcony"], created.Body.GetProperty("amenities").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("Omar Haddad", created.Body.GetProperty("owner").GetProperty("fullName").GetString());
        Assert.Empty(created.Body.GetProperty("complianceProblems").EnumerateArray());
        Assert.Equal(JsonValueKindNull, created.Body.GetProperty("publishedAt").ValueKind);

        var read = await world.GetAsync("agent", $"/api/v1/listings/{created.Id}");
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(created.ETag, read.ETag);
        await using var db = world.Host.Database.CreatePaceDbContext();
        var timeline = await db.Activities.SingleAsync(a => a.ListingId == created.Id);
        Assert.Equal(ActivityKind.System, timeline.Kind);
        Assert.Equal("Listing created", timeline.Subject);
        Assert.Contains(await db.AuditLog.Where(a => a.EntityId == created.Id).Select(a => a.Action).ToListAsync(), a => a == "listing.created");
    }

    [Fact]
    public async Task References_say_sale_or_rent_and_number_on_from_one_sequence_without_repeats()
    {
        await using var world = await ListingWorld.StartAsync();

        var sale = await world.CreateListingAsync("agent");
        var rent = await world.CreateListingAsync("agent", ("purpose", "rent"), ("rentFrequency", "yearly"), ("cheques", 4), ("priceMinor", 180_000_00L), ("permitPriceMinor", 180_000_00L));
        var another = await world.CreateListingAsync("agent2", ("locationId", world.BurjViews), ("ownerId", world.Agent2sOwner));

        var numbers = new[] { sale, rent, another }.Select(a => long.Parse(a.Text("reference")![5..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.StartsWith("AA-S-", sale.Text("reference"), StringComparison.Ordinal);
        Assert.StartsWith("AA-R-", rent.Text("reference"), StringComparison.Ordinal);
        Assert.Equal([numbers[0], numbers[0] + 1, numbers[0] + 2], numbers);
        Assert.Equal("yearly", rent.Text("rentFrequency"));
    }

    [Fact]
    public async Task Bad_fields_are_refused_each_by_name()
    {
        await using var world = await ListingWorld.StartAsync();
        var body = world.ListingBody(
            ("purpose", "lease"), ("category", null), ("propertyType", "castle"), ("priceMinor", -5L), ("bedrooms", 21), ("bathrooms", -1),
            ("sizeSqft", 0m), ("plotSizeSqft", 100.123m), ("locationId", Guid.NewGuid()), ("amenities", UnknownAmenities),
            ("titleEn", new string('x', 201)), ("descriptionEn", "  "), ("permitType", "dld"), ("currency", "USD"), ("furnishing", "partly"),
            ("completionStatus", "soon"), ("mandateType", "sole"), ("parkingSpaces", 500), ("serviceChargeMinor", -1L), ("permitNumber", "71 16"),
            ("ownerId", world.Agent2sOwner), ("listingAgentId", world.User("colleague").Id), ("unitNumber", new string('9', 33)));

        var answer = await world.SendAsync("agent", HttpMethod.Post, "/api/v1/listings", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        var errors = answer.Errors;
        Assert.Equal(
            [
                "amenities", "bathrooms", "bedrooms", "category", "completionStatus", "currency", "descriptionEn", "furnishing", "listingAgentId",
                "locationId", "mandateType", "ownerId", "parkingSpaces", "permitNumber", "permitType", "plotSizeSqft", "priceMinor", "propertyType", "purpose",
                "serviceChargeMinor", "sizeSqft", "titleEn", "unitNumber",
            ],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("sale, rent", errors["purpose"], StringComparison.Ordinal);
        Assert.Contains("moat, helipad", errors["amenities"], StringComparison.Ordinal);
        Assert.Contains("between 0 and 20", errors["bedrooms"], StringComparison.Ordinal);
        Assert.Contains("castle", errors["propertyType"], StringComparison.Ordinal);
        Assert.Contains("There is no applicant", errors["ownerId"], StringComparison.Ordinal);
        Assert.Contains("There is no location", errors["locationId"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_body_names_every_required_field()
    {
        await using var world = await ListingWorld.StartAsync();

        var answer = await world.SendAsync("agent", HttpMethod.Post, "/api/v1/listings", new { });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(
            ["category", "descriptionEn", "locationId", "priceMinor", "propertyType", "purpose", "sizeSqft", "titleEn"],
            answer.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Rent_needs_a_rent_frequency_and_sale_has_none()
    {
        await using var world = await ListingWorld.StartAsync();

        var rent = await world.SendAsync("agent", HttpMethod.Post, "/api/v1/listings", world.ListingBody(("purpose", "rent")));
        var sale = await world.SendAsync("agent", HttpMethod.Post, "/api/v1/listings", world.ListingBody(("rentFrequency", "monthly"), ("cheques", 2)));

        Assert.Equal(HttpStatusCode.BadRequest, rent.Status);
        Assert.Equal(["rentFrequency"], rent.Errors.Keys);
        Assert.Contains("needs rentFrequency", rent.Errors["rentFrequency"], StringComparison.Ordinal);
        Assert.Equal(["cheques", "rentFrequency"], sale.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_agent_lists_as_themselves_a_manager_within_the_team_and_an_admin_for_anyone()
    {
        await using var world = await ListingWorld.StartAsync();
        var colleague = world.User("colleague").Id;
        var agent2 = world.User("agent2").Id;

        var byAgent = await world.SendAsync("agent", HttpMethod.Post, "/api/v1/listings", world.ListingBody(("listingAgentId", colleague)));
        var byManager = await world.SendAsync("manager", HttpMethod.Post, "/api/v1/listings", world.ListingBody(("listingAgentId", colleague), ("ownerId", null)));
        var byManagerOutside = await world.SendAsync("manager", HttpMethod.Post, "/api/v1/listings", world.ListingBody(("listingAgentId", agent2), ("ownerId", null)));
        var byAdmin = await world.SendAsync("admin", HttpMethod.Post, "/api/v1/listings", world.ListingBody(("listingAgentId", agent2)));

        Assert.Equal(["listingAgentId"], byAgent.Errors.Keys);
        Assert.Equal(HttpStatusCode.Created, byManager.Status);
        Assert.Equal(colleague, byManager.Body.GetProperty("listingAgent").GetProperty("id").GetGuid());
        Assert.Equal(["listingAgentId"], byManagerOutside.Errors.Keys);
        Assert.Equal(HttpStatusCode.Created, byAdmin.Status);
        Assert.Equal(agent2, byAdmin.Body.GetProperty("listingAgent").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task An_update_needs_the_current_ETag_and_changes_only_the_fields_it_names()
    {
        await using var world = await ListingWorld.StartAsync();
        var created = await world.CreateListingAsync("agent", ("titleAr", "شقة"));
        var path = $"/api/v1/listings/{created.Id}";

        var withoutTag = await world.SendAsync("agent", HttpMethod.Patch, path, new { titleEn = "New title" });
        var updated = await world.SendAsync("agent", HttpMethod.Patch, path, new { titleEn = "New title", titleAr = (string?)null, bedrooms = 3 }, created.ETag);
        var stale = await world.SendAsync("agent", HttpMethod.Patch, path, new { titleEn = "Stale" }, created.ETag);
        var purpose = await world.SendAsync("agent", HttpMethod.Patch, path, new { purpose = "rent" }, updated.ETag);
        var cleared = await world.SendAsync("agent", HttpMethod.Patch, path, new { titleEn = (string?)null, listingAgentId = (Guid?)null }, updated.ETag);

        Assert.Equal(HttpStatusCode.PreconditionRequired, withoutTag.Status);
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal("New title", updated.Text("titleEn"));
        Assert.Equal(JsonValueKindNull, updated.Body.GetProperty("titleAr").ValueKind);
        Assert.Equal(3, updated.Body.GetProperty("bedrooms").GetInt32());
        Assert.Equal(2_500_000_00L, updated.Body.GetProperty("priceMinor").GetInt64());
        Assert.Equal(["shared-pool", "balcony"], updated.Body.GetProperty("amenities").EnumerateArray().Select(a => a.GetString()));
        Assert.NotEqual(created.ETag, updated.ETag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal(["purpose"], purpose.Errors.Keys);
        Assert.Equal(["listingAgentId", "titleEn"], cleared.Errors.Keys.Order(StringComparer.Ordinal));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    [GeneratedRegex("^AA-S-[0-9]+$")]
    private static partial Regex SaleReference();
}
