using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pace.Activities;
using Pace.Applicants;
using Pace.Listings;
using Pace.Locations;
using Pace.Web.Tests.Crm;

namespace Pace.Web.Tests.Matching;

/// <summary>
/// Matching through the API on real PostgreSQL: an applicant's live listings and a listing's applicants, ranked and
/// explained, with the hard filters, the tolerance bands, the not-interested marks and the visibility rules.
/// </summary>
public sealed class MatchingApiTests
{
    /// <summary>Two beds, 2.0–2.5M AED, an apartment anywhere in Dubai Marina.</summary>
    private static Requirement MarinaFlat(Guid marina) => new()
    {
        Purpose = Purpose.Sale, Category = PropertyCategory.Residential, PropertyTypes = ["apartment"], LocationIds = [marina],
        BedroomsMin = 2, BedroomsMax = 2, BudgetMin = 2_000_000_00, BudgetMax = 2_500_000_00,
    };

    [Fact]
    public async Task An_applicants_matches_are_the_live_listings_that_fit_best_first_each_with_its_reasons()
    {
        await using var world = await CrmWorld.StartAsync();
        var gate = await world.SeedPlaceAsync("Marina Gate 1");
        var downtown = await RootPlaceAsync(world, "Downtown Dubai", "dubai/downtown-dubai");
        var lookalike = await RootPlaceAsync(world, "Dubai Marina Heights", "dubai/dubai-marina-heights");
        var applicant = await world.SeedApplicantAsync(world.Agent, wants: MarinaFlat(world.Location));

        var exact = await world.SeedListingAsync(world.Agent, priceMinor: 2_300_000_00);
        var inGate = await world.SeedListingAsync(world.Teammate, priceMinor: 2_400_000_00, change: l => l.LocationId = gate);
        var bigger = await world.SeedListingAsync(world.OtherAgent, priceMinor: 2_400_000_00, change: l => l.Bedrooms = 3);
        var over = await world.SeedListingAsync(world.Agent, priceMinor: 2_600_000_00);
        var monthly = await world.SeedListingAsync(world.Agent, purpose: Purpose.Rent, priceMinor: 20_000_00, change: l => l.RentFrequency = RentFrequency.Monthly);
        Guid[] excluded =
        [
            await world.SeedListingAsync(world.Agent, priceMinor: 2_800_000_00),
            await world.SeedListingAsync(world.Agent, purpose: Purpose.Rent, priceMinor: 2_300_000_00),
            await world.SeedListingAsync(world.Agent, priceMinor: 2_300_000_00, change: l => l.PropertyType = "villa"),
            await world.SeedListingAsync(world.Agent, priceMinor: 2_300_000_00, change: l => l.LocationId = downtown),
            await world.SeedListingAsync(world.Agent, priceMinor: 2_300_000_00, change: l => l.LocationId = lookalike),
            await world.SeedListingAsync(world.Agent, priceMinor: 2_300_000_00, change: l => l.Bedrooms = 1),
            await world.SeedListingAsync(world.Agent, priceMinor: 2_300_000_00, change: l => l.Bedrooms = 4),
            await world.SeedListingAsync(world.Agent, ListingStatus.UnderOffer, priceMinor: 2_300_000_00),
            await world.SeedListingAsync(world.Agent, ListingStatus.Draft, priceMinor: 2_300_000_00),
            await world.SeedListingAsync(world.Agent, ListingStatus.Sold, priceMinor: 2_300_000_00),
        ];

        var answer = await world.GetAsync(world.Agent, $"/api/v1/applicants/{applicant}/matches");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var items = Items(answer);
        Assert.Equal([exact, inGate, bigger, over], items.Select(i => i.GetProperty("listingId").GetGuid()));
        Assert.Equal([100, 95, 90, 88], items.Select(i => i.GetProperty("score").GetInt32()));
        Assert.Equal(["within budget", "2 beds as asked", "in Dubai Marina as asked"], Reasons(items[0]));
        Assert.Equal(["within budget", "2 beds as asked", "in Dubai Marina, at Marina Gate 1"], Reasons(items[1]));
        Assert.Contains("1 bed more than asked", Reasons(items[2]));
        Assert.Equal(["budget +4%", "2 beds as asked", "in Dubai Marina as asked"], Reasons(items[3]));
        Assert.Equal(12, items[3].GetProperty("reasons")[0].GetProperty("points").GetInt32());
        Assert.Equal("budget_over", items[3].GetProperty("reasons")[0].GetProperty("code").GetString());
        var requirement = await world.ReadAsync(db => db.Requirements.Where(r => r.ApplicantId == applicant).Select(r => r.Id).SingleAsync());
        Assert.All(items, i => Assert.Equal(requirement, i.GetProperty("requirementId").GetGuid()));
        Assert.DoesNotContain(items, i => excluded.Contains(i.GetProperty("listingId").GetGuid()) || i.GetProperty("listingId").GetGuid() == monthly);
        Assert.Equal("Two-bedroom apartment with marina view", items[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_rent_is_compared_with_the_yearly_budget_whatever_its_frequency()
    {
        await using var world = await CrmWorld.StartAsync();
        var applicant = await world.SeedApplicantAsync(world.Agent, wants: new Requirement
        {
            Purpose = Purpose.Rent, Category = PropertyCategory.Residential, LocationIds = [world.Location], BudgetMax = 150_000_00,
            Furnishing = Furnishing.Furnished,
        });
        var monthly = await world.SeedListingAsync(world.Agent, purpose: Purpose.Rent, priceMinor: 12_000_00, change: l => (l.RentFrequency, l.Furnishing) = (RentFrequency.Monthly, Furnishing.Furnished));
        var yearly = await world.SeedListingAsync(world.Agent, purpose: Purpose.Rent, priceMinor: 156_000_00);
        await world.SeedListingAsync(world.Agent, purpose: Purpose.Rent, priceMinor: 14_000_00, change: l => l.RentFrequency = RentFrequency.Monthly);

        var items = Items(await world.GetAsync(world.Agent, $"/api/v1/applicants/{applicant}/matches?limit=5"));

        Assert.Equal([monthly, yearly], items.Select(i => i.GetProperty("listingId").GetGuid()));
        Assert.Equal(["within budget", "in Dubai Marina as asked", "furnished as asked"], Reasons(items[0]));
        Assert.Equal(["budget +4%", "in Dubai Marina as asked", "unfurnished, asked furnished"], Reasons(items[1]));
        Assert.Equal(100 - 12 - 10, items[1].GetProperty("score").GetInt32());
    }

    [Fact]
    public async Task Not_interested_takes_a_listing_out_of_the_applicants_matches_on_their_timeline_and_taking_it_back_restores_it()
    {
        await using var world = await CrmWorld.StartAsync();
        var applicant = await world.SeedApplicantAsync(world.Agent, wants: MarinaFlat(world.Location));
        var first = await world.SeedListingAsync(world.Agent, priceMinor: 2_300_000_00);
        var second = await world.SeedListingAsync(world.Agent, priceMinor: 2_400_000_00);

        var marked = await world.PostAsync(world.Agent, $"/api/v1/applicants/{applicant}/not-interested", new { listingId = first, reason = "Wants a higher floor" });
        var again = await world.PostAsync(world.Agent, $"/api/v1/applicants/{applicant}/not-interested", new { listingId = first });
        var without = Items(await world.GetAsync(world.Agent, $"/api/v1/applicants/{applicant}/matches"));
        var listingSide = Items(await world.GetAsync(world.Agent, $"/api/v1/listings/{first}/matches"));
        var timeline = await world.GetAsync(world.Agent, $"/api/v1/applicants/{applicant}/timeline");
        var unmarked = await world.CallAsync(world.Agent, HttpMethod.Delete, $"/api/v1/applicants/{applicant}/not-interested/{first}");
        var unmarkedAgain = await world.CallAsync(world.Agent, HttpMethod.Delete, $"/api/v1/applicants/{applicant}/not-interested/{first}");
        var restored = Items(await world.GetAsync(world.Agent, $"/api/v1/applicants/{applicant}/matches"));

        Assert.Equal(HttpStatusCode.Created, marked.Status);
        Assert.Equal("Wants a higher floor", marked.Text("reason"));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal([second], without.Select(i => i.GetProperty("listingId").GetGuid()));
        Assert.Empty(listingSide);
        var entries = timeline.Body.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "system").ToList();
        var entry = Assert.Single(entries);
        Assert.StartsWith("Not interested in AA-S-", entry.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Equal("Wants a higher floor", entry.GetProperty("body").GetString());
        Assert.Equal(first, entry.GetProperty("listingId").GetGuid());
        Assert.Equal(HttpStatusCode.NoContent, unmarked.Status);
        Assert.Equal(HttpStatusCode.NotFound, unmarkedAgain.Status);
        Assert.Equal([first, second], restored.Select(i => i.GetProperty("listingId").GetGuid()));
        var audit = await world.ReadAsync(db => db.AuditLog.Where(e => e.EntityType == "not_interested_mark").OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["not_interested_mark.created", "not_interested_mark.deleted"], audit);
        var restoredEntry = await world.ReadAsync(db => db.Activities.CountAsync(a => a.ApplicantId == applicant && a.Kind == ActivityKind.System && a.Subject!.StartsWith("Interested again")));
        Assert.Equal(1, restoredEntry);
    }

    [Fact]
    public async Task A_listings_matches_are_the_active_applicants_who_want_it_that_the_caller_sees()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent, priceMinor: 2_400_000_00);
        var own = await world.SeedApplicantAsync(world.Agent, firstName: "Own", wants: MarinaFlat(world.Location));
        var teammates = await world.SeedApplicantAsync(world.Teammate, firstName: "Teammates", wants: MarinaFlat(world.Location));
        var downtowns = await world.SeedApplicantAsync(world.OtherAgent, firstName: "Downtowns", wants: Tight(MarinaFlat(world.Location)));
        var unassigned = await world.SeedApplicantAsync(null, firstName: "Unassigned", wants: MarinaFlat(world.Location));
        await world.SeedApplicantAsync(world.Agent, ApplicantStage.Lost, "Lost", MarinaFlat(world.Location));
        await world.SeedApplicantAsync(world.Agent, ApplicantStage.Won, "Won", MarinaFlat(world.Location));
        var inactive = MarinaFlat(world.Location);
        inactive.IsActive = false;
        await world.SeedApplicantAsync(world.Agent, firstName: "Paused", wants: inactive);
        var renter = MarinaFlat(world.Location);
        renter.Purpose = Purpose.Rent;
        await world.SeedApplicantAsync(world.Agent, firstName: "Renter", wants: renter);
        var small = MarinaFlat(world.Location);
        small.BudgetMax = 2_150_000_00;
        await world.SeedApplicantAsync(world.Agent, firstName: "Short", wants: small);
        var merged = await world.SeedApplicantAsync(world.Agent, firstName: "Merged", wants: MarinaFlat(world.Location));
        await using (var db = world.Host.Database.CreatePaceDbContext())
        {
            await db.Applicants.Where(a => a.Id == merged).ExecuteUpdateAsync(s => s.SetProperty(a => a.MergedIntoId, own));
        }

        var asAgent = await world.GetAsync(world.Agent, $"/api/v1/listings/{listing}/matches");
        var asManager = await world.GetAsync(world.Manager, $"/api/v1/listings/{listing}/matches");
        var asAdmin = await world.GetAsync(world.Admin, $"/api/v1/listings/{listing}/matches?limit=50");
        var asOtherAgent = await world.GetAsync(world.OtherAgent, $"/api/v1/listings/{listing}/matches");

        Assert.Equal([own], Ids(asAgent));
        Assert.Equal(new[] { own, teammates, unassigned }.Order(), Ids(asManager).Order());
        Assert.Equal(new[] { own, teammates, unassigned, downtowns }.Order(), Ids(asAdmin).Order());
        Assert.Equal([downtowns], Ids(asOtherAgent));
        var admins = Items(asAdmin);
        Assert.Equal(downtowns, admins[^1].GetProperty("applicantId").GetGuid());
        Assert.Equal(["budget +3%", "2 beds as asked", "in Dubai Marina as asked"], Reasons(admins[^1]));
        Assert.All(admins[..^1], i => Assert.Equal(100, i.GetProperty("score").GetInt32()));
        Assert.Equal("Own Hassan", Items(asAgent)[0].GetProperty("fullName").GetString());
        Assert.Equal(world.Agent.Id, Items(asAgent)[0].GetProperty("assignedAgentId").GetGuid());
    }

    [Fact]
    public async Task An_applicant_with_two_requirements_that_fit_appears_once_with_the_better_fit()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent, priceMinor: 2_400_000_00);
        var anywhere = MarinaFlat(world.Location);
        anywhere.LocationIds = [];
        anywhere.BudgetMax = 2_300_000_00;
        var applicant = await world.SeedApplicantAsync(world.Agent, wants: [anywhere, MarinaFlat(world.Location)]);
        var best = await world.ReadAsync(db => db.Requirements.Where(r => r.ApplicantId == applicant && r.BudgetMax == 2_500_000_00).Select(r => r.Id).SingleAsync());

        var items = Items(await world.GetAsync(world.Agent, $"/api/v1/listings/{listing}/matches"));
        var forward = Items(await world.GetAsync(world.Agent, $"/api/v1/applicants/{applicant}/matches"));

        var item = Assert.Single(items);
        Assert.Equal(best, item.GetProperty("requirementId").GetGuid());
        Assert.Equal(100, item.GetProperty("score").GetInt32());
        Assert.Equal(best, Assert.Single(forward).GetProperty("requirementId").GetGuid());
    }

    [Fact]
    public async Task Records_outside_the_callers_visibility_are_not_found_and_a_limit_outside_1_to_50_is_a_field_error()
    {
        await using var world = await CrmWorld.StartAsync();
        var applicant = await world.SeedApplicantAsync(world.Agent, wants: MarinaFlat(world.Location));
        var draft = await world.SeedListingAsync(world.Agent, ListingStatus.Draft);
        var live = await world.SeedListingAsync(world.Agent);

        var othersApplicant = await world.GetAsync(world.OtherAgent, $"/api/v1/applicants/{applicant}/matches");
        var othersDraft = await world.GetAsync(world.OtherAgent, $"/api/v1/listings/{draft}/matches");
        var markOthers = await world.PostAsync(world.OtherAgent, $"/api/v1/applicants/{applicant}/not-interested", new { listingId = live });
        var unmarkOthers = await world.CallAsync(world.OtherAgent, HttpMethod.Delete, $"/api/v1/applicants/{applicant}/not-interested/{live}");
        var markDraftOfOthers = await world.PostAsync(world.OtherAgent, $"/api/v1/applicants/{await world.SeedApplicantAsync(world.OtherAgent)}/not-interested", new { listingId = draft });
        var noListing = await world.PostAsync(world.Agent, $"/api/v1/applicants/{applicant}/not-interested", new { reason = new string('x', 501) });
        var zero = await world.GetAsync(world.Agent, $"/api/v1/applicants/{applicant}/matches?limit=0");
        var tooMany = await world.GetAsync(world.Agent, $"/api/v1/listings/{live}/matches?limit=51");

        Assert.Equal(HttpStatusCode.NotFound, othersApplicant.Status);
        Assert.Equal(HttpStatusCode.NotFound, othersDraft.Status);
        Assert.Equal(HttpStatusCode.NotFound, markOthers.Status);
        Assert.Equal(HttpStatusCode.NotFound, unmarkOthers.Status);
        Assert.Equal(HttpStatusCode.BadRequest, markDraftOfOthers.Status);
        Assert.Equal(["listingId"], markDraftOfOthers.ErrorFields);
        Assert.Equal(new[] { "listingId", "reason" }.Order(), noListing.ErrorFields.Order());
        Assert.Equal((HttpStatusCode.BadRequest, "limit"), (zero.Status, Assert.Single(zero.ErrorFields)));
        Assert.Equal((HttpStatusCode.BadRequest, "limit"), (tooMany.Status, Assert.Single(tooMany.ErrorFields)));
        Assert.Equal(HttpStatusCode.OK, (await world.GetAsync(world.Agent, $"/api/v1/listings/{draft}/matches")).Status);
    }

    /// <summary>The same, with a lower budget top, so the listing is over it by a few percent.</summary>
    private static Requirement Tight(Requirement requirement)
    {
        requirement.BudgetMax = 2_340_000_00;
        return requirement;
    }

    private static async Task<Guid> RootPlaceAsync(CrmWorld world, string name, string path)
    {
        await using var db = world.Host.Database.CreatePaceDbContext();
        var place = new Location { Level = LocationLevel.Community, Name = name, Path = path, CreatedAt = world.Now, UpdatedAt = world.Now };
        db.Locations.Add(place);
        await db.SaveChangesAsync();
        return place.Id;
    }

    private static List<JsonElement> Items(ApiAnswer answer)
    {
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body.ToString());
        return [.. answer.Body.GetProperty("items").EnumerateArray()];
    }

    private static List<Guid> Ids(ApiAnswer answer) => [.. Items(answer).Select(i => i.GetProperty("applicantId").GetGuid())];

    private static List<string> Reasons(JsonElement item) => [.. item.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("text").GetString()!)];
}
