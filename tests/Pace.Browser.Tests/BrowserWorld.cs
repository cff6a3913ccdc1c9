using Microsoft.EntityFrameworkCore;
using Pace.Listings;
using Pace.Locations;
using Pace.Reference;
using Pace.Testing;

namespace Pace.Browser.Tests;

/// <summary>
/// The reference data a brokerage starts with (a few Dubai places, property types, amenities, lost reasons), which
/// no person creates in the agent's UI, and listings seeded straight in the database for tests about something else.
/// </summary>
public static class BrowserWorld
{
    public const string Building = "Marina Gate 1";
    public const string Community = "Dubai Marina";

    /// <summary>How the location picker labels <see cref="Building"/>.</summary>
    public const string BuildingLabel = Building + " · " + Community;

    public static async Task SeedReferenceDataAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var db = database.CreatePaceDbContext();
        var now = DateTimeOffset.UtcNow;
        Location Place(string name, string path, LocationLevel level, Location? parent) =>
            new() { Name = name, Path = path, Level = level, ParentId = parent?.Id, CreatedAt = now, UpdatedAt = now };
        var dubai = Place("Dubai", "dubai", LocationLevel.Emirate, null);
        var marina = Place(Community, "dubai/dubai-marina", LocationLevel.Community, dubai);
        db.Locations.AddRange(
            dubai, marina, Place(Building, "dubai/dubai-marina/marina-gate-1", LocationLevel.Building, marina),
            Place("Downtown Dubai", "dubai/downtown-dubai", LocationLevel.Community, dubai));
        var order = 0;
        ReferenceValue Value(ReferenceKind kind, string code, string label) =>
            new() { Kind = kind, Code = code, Label = label, SortOrder = order++, CreatedAt = now, UpdatedAt = now };
        db.ReferenceValues.AddRange(
            Value(ReferenceKind.PropertyType, "apartment", "Apartment"), Value(ReferenceKind.PropertyType, "villa", "Villa"),
            Value(ReferenceKind.PropertyType, "townhouse", "Townhouse"), Value(ReferenceKind.Amenity, "balcony", "Balcony"),
            Value(ReferenceKind.Amenity, "shared-pool", "Shared pool"), Value(ReferenceKind.LostReason, "not_responding", "Not responding"),
            Value(ReferenceKind.LostReason, "bought_elsewhere", "Bought elsewhere"));
        await db.SaveChangesAsync();
    }

    /// <summary>A draft apartment of <paramref name="agentEmail"/> in <see cref="Building"/>, for a test that books a viewing of it.</summary>
    public static Task<string> SeedListingAsync(PaceBrowserFixture fixture, string agentEmail, string reference) =>
        fixture.ExecuteAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var agent = await db.Users.SingleAsync(u => u.Email == agentEmail);
            var building = await db.Locations.SingleAsync(l => l.Name == Building);
            db.Listings.Add(new Listing
            {
                Reference = reference, Purpose = Purpose.Sale, Category = PropertyCategory.Residential, PropertyType = "apartment",
                Status = ListingStatus.Draft, StatusChangedAt = now, PriceMinor = 2_450_000_00, SizeSqft = 1_250, Bedrooms = 2, Bathrooms = 2,
                LocationId = building.Id, TitleEn = "Two-bedroom with a marina view", DescriptionEn = "High floor, balcony, marina view.",
                ListingAgentId = agent.Id, CreatedAt = now, UpdatedAt = now,
            });
            await db.SaveChangesAsync();
            return reference;
        });
}
