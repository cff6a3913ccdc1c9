using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Data.Common;
using Pace.Data.Identity;
using Pace.Identity;
using Pace.Listings;
using Pace.Reference;

namespace Pace.Web.Listings;

/// <summary>
/// Validates a <see cref="ListingRequest"/> and applies it to a listing: on create every field (the required ones must
/// be there), on update only the fields the body names. Every problem is reported against its field, all at once.
/// </summary>
internal sealed class ListingInput(ListingRequest request, Listing listing, bool creating, Dictionary<string, string[]> errors)
{
    private const long MaxMoneyMinor = 100_000_000_000_00; // AED 100 billion
    private const decimal MaxSqft = 100_000_000m;
    private const int MaxDescription = 20_000;
    private const int MaxAmenities = 100;

    /// <summary>Applies and validates the request; reference data, location, owner and agent are checked in the database.</summary>
    public static async Task ApplyAsync(
        ListingRequest request, Listing listing, bool creating, Actor actor, PaceDbContext db, Dictionary<string, string[]> errors,
        CancellationToken cancellationToken)
    {
        var input = new ListingInput(request, listing, creating, errors);
        input.ApplyFields();
        await input.CheckReferencesAsync(actor, db, cancellationToken);
    }

    private void ApplyFields()
    {
        var r = request;
        var l = listing;
        if (creating)
        {
            Enum<Purpose>(nameof(r.Purpose), r.Purpose, v => l.Purpose = v, required: true);
        }
        else if (r.Has(nameof(r.Purpose)) && (!TryParse<Purpose>(r.Purpose, out var purpose) || purpose != l.Purpose))
        {
            errors["purpose"] = ["purpose cannot change after the listing is created (its reference says sale or rent): create a new listing instead."];
        }

        Enum<PropertyCategory>(nameof(r.Category), r.Category, v => l.Category = v, required: true);
        Text(nameof(r.PropertyType), r.PropertyType, 64, v => l.PropertyType = v!.ToLowerInvariant(), required: true);
        Money(nameof(r.PriceMinor), r.PriceMinor, 1, v => l.PriceMinor = v!.Value, required: true);
        if (Applies(nameof(r.Currency)) && r.Currency is not null)
        {
            if (string.Equals(r.Currency.Trim(), Pace.Common.Money.Aed, StringComparison.OrdinalIgnoreCase))
            {
                l.Currency = Pace.Common.Money.Aed;
            }
            else
            {
                errors["currency"] = ["currency must be AED: listings are priced in dirhams."];
            }
        }

        OptionalEnum<RentFrequency>(nameof(r.RentFrequency), r.RentFrequency, v => l.RentFrequency = v);
        if (Applies(nameof(r.PriceOnApplication)))
        {
            l.PriceOnApplication = r.PriceOnApplication ?? false;
        }

        Count(nameof(r.Cheques), r.Cheques, 1, 12, v => l.Cheques = v);
        Money(nameof(r.ServiceChargeMinor), r.ServiceChargeMinor, 0, v => l.ServiceChargeMinor = v);
        Count(nameof(r.Bedrooms), r.Bedrooms, 0, 20, v => l.Bedrooms = v);
        Count(nameof(r.Bathrooms), r.Bathrooms, 0, 20, v => l.Bathrooms = v);
        Size(nameof(r.SizeSqft), r.SizeSqft, v => l.SizeSqft = v!.Value, required: true);
        Size(nameof(r.PlotSizeSqft), r.PlotSizeSqft, v => l.PlotSizeSqft = v);
        if (Applies(nameof(r.LocationId)))
        {
            if (r.LocationId is { } location)
            {
                l.LocationId = location;
            }
            else
            {
                errors["locationId"] = ["locationId is required: the deepest node of the location tree that applies."];
            }
        }

        Text(nameof(r.UnitNumber), r.UnitNumber, 32, v => l.UnitNumber = v);
        Text(nameof(r.FloorNumber), r.FloorNumber, 16, v => l.FloorNumber = v);
        Count(nameof(r.ParkingSpaces), r.ParkingSpaces, 0, 100, v => l.ParkingSpaces = v);
        Enum<Furnishing>(nameof(r.Furnishing), r.Furnishing, v => l.Furnishing = v, required: false);
        Enum<CompletionStatus>(nameof(r.CompletionStatus), r.CompletionStatus, v => l.CompletionStatus = v, required: false);
        Date(nameof(r.HandoverOn), r.HandoverOn, v => l.HandoverOn = v);
        Date(nameof(r.AvailableFrom), r.AvailableFrom, v => l.AvailableFrom = v);
        Text(nameof(r.Developer), r.Developer, 200, v => l.Developer = v);
        Text(nameof(r.ProjectName), r.ProjectName, 200, v => l.ProjectName = v);
        ApplyAmenities();
        Text(nameof(r.TitleEn), r.TitleEn, 200, v => l.TitleEn = v!, required: true);
        Text(nameof(r.TitleAr), r.TitleAr, 200, v => l.TitleAr = v);
        Text(nameof(r.DescriptionEn), r.DescriptionEn, MaxDescription, v => l.DescriptionEn = v!, required: true);
        Text(nameof(r.DescriptionAr), r.DescriptionAr, MaxDescription, v => l.DescriptionAr = v);
        OptionalEnum<PermitType>(nameof(r.PermitType), r.PermitType, v => l.PermitType = v);
        Text(nameof(r.PermitNumber), r.PermitNumber, 64, v => l.PermitNumber = v);
        if (l.PermitNumber is { } permit && permit.Any(char.IsWhiteSpace) && !errors.ContainsKey("permitNumber"))
        {
            errors["permitNumber"] = ["permitNumber has no spaces: the number on the permit card, e.g. 7116777484 (or 7116777484#1213)."];
        }

        Date(nameof(r.PermitIssuedOn), r.PermitIssuedOn, v => l.PermitIssuedOn = v);
        Date(nameof(r.PermitExpiresOn), r.PermitExpiresOn, v => l.PermitExpiresOn = v);
        Money(nameof(r.PermitPriceMinor), r.PermitPriceMinor, 1, v => l.PermitPriceMinor = v);
        Size(nameof(r.PermitSizeSqft), r.PermitSizeSqft, v => l.PermitSizeSqft = v);
        OptionalEnum<MandateType>(nameof(r.MandateType), r.MandateType, v => l.MandateType = v);
        Date(nameof(r.MandateExpiresOn), r.MandateExpiresOn, v => l.MandateExpiresOn = v);
        if (Applies(nameof(r.OwnerId)))
        {
            l.OwnerId = r.OwnerId;
        }

        CheckCombinations();
    }

    /// <summary>Rules between fields, on the listing as it will be after the change.</summary>
    private void CheckCombinations()
    {
        var l = listing;
        if (errors.ContainsKey("purpose") || errors.ContainsKey("rentFrequency"))
        {
            return;
        }

        if (l.Purpose == Purpose.Rent && l.RentFrequency is null)
        {
            errors["rentFrequency"] = ["A listing for rent needs rentFrequency: yearly, monthly, weekly or daily."];
        }
        else if (l.Purpose == Purpose.Sale && l.RentFrequency is not null)
        {
            errors["rentFrequency"] = ["Only a listing for rent has a rentFrequency."];
        }

        if (l.Purpose == Purpose.Sale && l.Cheques is not null && !errors.ContainsKey("cheques"))
        {
            errors["cheques"] = ["Only a listing for rent is paid in cheques."];
        }

        if (l.PermitIssuedOn is { } issued && l.PermitExpiresOn is { } expires && expires < issued && !errors.ContainsKey("permitExpiresOn"))
        {
            errors["permitExpiresOn"] = ["permitExpiresOn is before permitIssuedOn."];
        }
    }

    private void ApplyAmenities()
    {
        if (!Applies(nameof(request.Amenities)))
        {
            return;
        }

        var codes = (request.Amenities ?? []).Select(a => a?.Trim().ToLowerInvariant() ?? "").ToArray();
        if (codes.Length > MaxAmenities)
        {
            errors["amenities"] = [$"At most {MaxAmenities} amenities."];
        }
        else if (codes.Any(c => c.Length is 0 or > 64))
        {
            errors["amenities"] = ["Each amenity is a code of 1 to 64 characters."];
        }
        else
        {
            listing.Amenities = codes.Distinct(StringComparer.Ordinal).ToArray();
        }
    }

    private async Task CheckReferencesAsync(Actor actor, PaceDbContext db, CancellationToken cancellationToken)
    {
        var r = request;
        var l = listing;
        if (Applies(nameof(r.PropertyType)) && !errors.ContainsKey("propertyType")
            && !await db.ReferenceValues.AnyAsync(v => v.Kind == ReferenceKind.PropertyType && v.IsActive && v.Code == l.PropertyType, cancellationToken))
        {
            errors["propertyType"] = [$"'{l.PropertyType}' is not a property type of the reference data (e.g. apartment, villa, office-space)."];
        }

        if (Applies(nameof(r.Amenities)) && !errors.ContainsKey("amenities") && l.Amenities.Length > 0)
        {
            var codes = l.Amenities;
            var known = await db.ReferenceValues.Where(v => v.Kind == ReferenceKind.Amenity && v.IsActive && codes.Contains(v.Code))
                .Select(v => v.Code).ToListAsync(cancellationToken);
            var unknown = codes.Except(known, StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                errors["amenities"] = [$"Not amenities of the reference data: {string.Join(", ", unknown)}."];
            }
        }

        if (Applies(nameof(r.LocationId)) && r.LocationId is { } location
            && !await db.Locations.AnyAsync(x => x.Id == location, cancellationToken))
        {
            errors["locationId"] = [$"There is no location {location}."];
        }

        if (Applies(nameof(r.OwnerId)) && r.OwnerId is { } owner
            && !await db.Applicants.VisibleTo(actor, db.Users).AnyAsync(a => a.Id == owner, cancellationToken))
        {
            errors["ownerId"] = [$"There is no applicant {owner}."];
        }

        if (creating || r.Has(nameof(r.ListingAgentId)))
        {
            await ApplyListingAgentAsync(actor, db, cancellationToken);
        }
    }

    /// <summary>An agent lists as themselves; a manager may name an active member of their team; an admin any active member of staff.</summary>
    private async Task ApplyListingAgentAsync(Actor actor, PaceDbContext db, CancellationToken cancellationToken)
    {
        // Create: the caller unless named. Update: only ever to someone, never cleared.
        var agentId = creating ? request.ListingAgentId ?? actor.UserId : request.ListingAgentId;
        if (agentId is not { } id)
        {
            errors["listingAgentId"] = ["listingAgentId is required: a listing always has an agent."];
            return;
        }

        if (id == actor.UserId)
        {
            listing.ListingAgentId = id;
            return;
        }

        var agent = await db.Users.Where(u => u.Id == id && u.IsActive).Select(u => new { u.TeamId }).FirstOrDefaultAsync(cancellationToken);
        var allowed = actor.IsAdmin || (actor is { IsManager: true, TeamId: { } team } && agent?.TeamId == team);
        if (agent is null || !allowed)
        {
            errors["listingAgentId"] = [actor.IsAdmin || actor.IsManager
                ? $"There is no active member of staff {id} you may assign listings to."
                : "An agent lists as themselves: leave listingAgentId out, or ask your manager to assign the listing."];
            return;
        }

        listing.ListingAgentId = id;
    }

    /// <summary>On create every field applies (absent ones keep their defaults); on update only those the body names.</summary>
    private bool Applies(string property) => creating || request.Has(property);

    private static string JsonName(string property) => JsonNamingPolicy.CamelCase.ConvertName(property);

    private void Required(string property) => errors[JsonName(property)] = [$"{JsonName(property)} is required."];

    private void Text(string property, string? value, int max, Action<string?> set, bool required = false)
    {
        if (!Applies(property))
        {
            return;
        }

        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Required(property);
            }
            else
            {
                set(null);
            }
        }
        else if (text.Length > max)
        {
            errors[JsonName(property)] = [$"{JsonName(property)} must be at most {max} characters."];
        }
        else
        {
            set(text);
        }
    }

    private void Money(string property, long? value, long min, Action<long?> set, bool required = false) =>
        Number(property, value, set, required, v => v >= min && v <= MaxMoneyMinor, $"between {min} and {MaxMoneyMinor} (fils: AED 1 is 100)");

    private void Count(string property, int? value, int min, int max, Action<short?> set) =>
        Number(property, value, v => set((short?)v), required: false, v => v >= min && v <= max, $"between {min} and {max}");

    private void Size(string property, decimal? value, Action<decimal?> set, bool required = false) =>
        Number(property, value, set, required, v => v > 0 && v <= MaxSqft && decimal.Round(v, 2) == v,
            $"more than 0 and at most {MaxSqft} square feet, with at most 2 decimals");

    /// <summary>A number field: required or clearable, and <paramref name="valid"/> (else "must be <paramref name="rule"/>").</summary>
    private void Number<T>(string property, T? value, Action<T?> set, bool required, Func<T, bool> valid, string rule)
        where T : struct
    {
        if (!Applies(property))
        {
            return;
        }

        if (value is not { } number)
        {
            if (required)
            {
                Required(property);
            }
            else
            {
                set(null);
            }
        }
        else if (!valid(number))
        {
            errors[JsonName(property)] = [$"{JsonName(property)} must be {rule}."];
        }
        else
        {
            set(number);
        }
    }

    private void Date(string property, DateOnly? value, Action<DateOnly?> set)
    {
        if (Applies(property))
        {
            set(value);
        }
    }

    /// <summary>An enum the listing always has: absent on create keeps the default unless <paramref name="required"/>.</summary>
    private void Enum<T>(string property, string? value, Action<T> set, bool required)
        where T : struct, Enum
    {
        if (!Applies(property))
        {
            return;
        }

        if (value is null && required)
        {
            Required(property);
        }
        else if (value is null && creating)
        {
            return; // the default (unfurnished, completed)
        }
        else if (TryParse<T>(value, out var parsed))
        {
            set(parsed);
        }
        else
        {
            errors[JsonName(property)] = [EnumError<T>(property)];
        }
    }

    private void OptionalEnum<T>(string property, string? value, Action<T?> set)
        where T : struct, Enum
    {
        if (!Applies(property))
        {
            return;
        }

        if (value is null)
        {
            set(null);
        }
        else if (TryParse<T>(value, out var parsed))
        {
            set(parsed);
        }
        else
        {
            errors[JsonName(property)] = [EnumError<T>(property)];
        }
    }

    /// <summary>The field error of an unknown enum name, listing the names it may be.</summary>
    internal static string EnumError<T>(string property)
        where T : struct, Enum =>
        $"{JsonName(property)} must be one of: {string.Join(", ", System.Enum.GetValues<T>().Select(v => ModelConventions.ToSnakeCase(v.ToString())))}.";

    /// <summary>An enum by its API name (the snake_case name the database stores), ignoring case.</summary>
    internal static bool TryParse<T>(string? value, out T parsed)
        where T : struct, Enum
    {
        var name = value?.Trim();
        foreach (var candidate in System.Enum.GetValues<T>())
        {
            if (string.Equals(ModelConventions.ToSnakeCase(candidate.ToString()), name, StringComparison.OrdinalIgnoreCase))
            {
                parsed = candidate;
                return true;
            }
        }

        parsed = default;
        return false;
    }
}
