using System.Globalization;
using System.Text;
using Pace.Listings;

namespace Pace.Data.Seed;

/// <summary>The words of the demo data: listing titles and descriptions composed from parts, and timeline texts.</summary>
internal static class DemoText
{
    public const string Brokerage = "Allsop & Allsop";

    public static readonly string[] SaleAdjectives =
        ["Upgraded", "Spacious", "Bright", "Luxury", "Modern", "Well Maintained", "Brand New", "Renovated", "Elegant", "Stunning", "Exclusive", "Rare", "Investor Deal", "Prime"];

    public static readonly string[] RentAdjectives =
        ["Spacious", "Bright", "Modern", "Well Maintained", "Brand New", "Upgraded", "Chiller Free", "Elegant", "Stunning", "Family", "Cosy"];

    public static readonly string[] OffPlanAdjectives = ["Brand New", "Luxury", "Modern", "Investor Deal", "Prime", "Rare"];

    public static readonly string[] SaleHooks =
        ["Vacant on Transfer", "Motivated Seller", "Below Market Price", "Tenanted | Great ROI", "High Floor", "Corner Unit", "Best Priced", "Exclusive with Allsop", "Large Layout", "Vacant Now", "Genuine Listing", "Priced to Sell"];

    public static readonly string[] RentHooks =
        ["Vacant Now", "Multiple Cheques", "Chiller Free", "High Floor", "Pet Friendly", "Ready to Move In", "Corner Unit", "Large Layout", "Close to Metro", "Available Next Month", "Well Priced", "Exclusive"];

    public static readonly string[] VillaHooks =
        ["Private Pool", "Single Row", "Close to Pool and Park", "Backing Park", "Extended and Upgraded", "Landscaped Garden", "Corner Plot", "Vacant on Transfer"];

    public static readonly string[] OffPlanHooks =
        ["Post-Handover Payment Plan", "Below OP Price", "Resale | 40% Paid", "Payment Plan Available", "Prime Unit"];

    public static readonly string[] OfficeHooks =
        ["Fitted with Partitions", "Shell and Core", "Close to Metro", "Vacant", "Lake View", "Ready to Move In"];

    public static readonly string[] EnquiryMessages =
        [
            "Hi, I'm interested in this property. Is it still available?",
            "Hello, could you send more photos and the floor plan please?",
            "Is the price negotiable? I'm a cash buyer.",
            "Can I arrange a viewing this weekend?",
            "Hi, what is the service charge and is it vacant?",
            "I'd like more details about this listing and similar options in the area.",
            "Hi, we are relocating to Dubai next month and looking for something similar.",
            "Please call me back about this property, thanks.",
        ];

    public static readonly string[] CallSummaries =
        [
            "Discussed requirements and budget; prefers a high floor with a view.",
            "Client is comparing two buildings; sent the price history for both.",
            "Talked through the buying process, DLD fees and agency fees.",
            "Client wants to see more options before committing to viewings.",
            "Confirmed the budget includes fees; mortgage pre-approval in progress.",
            "Client asked about chiller charges and community service fees.",
            "Walked the client through the payment plan and handover timeline.",
            "Client is flexible on location if the layout is right.",
            "Spoke with the client's spouse; both want to view together.",
            "Quick check-in; client is travelling and back next week.",
        ];

    public static readonly string[] Notes =
        [
            "Prefers WhatsApp over calls during working hours.",
            "Needs to move before the school term starts.",
            "Looking for a unit with a maid's room and two parking spaces.",
            "Cash buyer, can close within 30 days.",
            "Tenant wants four cheques; landlord asked for two.",
            "Client has a dog; only pet-friendly buildings.",
            "Investor profile: looking at yield above 6%.",
            "Golden visa is a factor: budget at least AED 2M.",
            "Relocating from London with the family in the summer.",
            "Works in DIFC; wants a short commute.",
            "Prefers a vacant unit; does not want to buy with a tenant in place.",
            "Asked for a comparison of service charges across shortlisted buildings.",
        ];

    public static readonly string[] WhatsAppOutbound =
        [
            "Hi {0}, this is {1} from Allsop & Allsop. Thanks for your enquiry, when is a good time to talk?",
            "Hi {0}, I've shortlisted a few options that match your brief. Shall I send them over?",
            "Hi {0}, just following up on the properties I sent. Any favourites?",
            "Hi {0}, a new unit just came to the market in your budget, sending the details now.",
            "Hi {0}, {1} here from Allsop & Allsop, is now a good time for a quick call?",
            "Hi {0}, prices in the area have moved this month, happy to share the latest transactions.",
        ];

    public static readonly string[] WhatsAppInbound =
        [
            "Thanks, please send me the details.",
            "Is there any flexibility on the price?",
            "Sounds good, thank you.",
            "I'm travelling this week, can we talk on Monday?",
            "Could you also check options in nearby buildings?",
            "Please call me after 6pm.",
        ];

    public static readonly string[] EmailSubjects =
        ["Shortlist: properties matching your search", "Floor plans and service charges", "Viewing confirmation", "Market update for your area", "Next steps and documents required", "Price history and recent transactions"];

    public static readonly string[] TaskSubjects =
        ["Follow up with {0}", "Send shortlist to {0}", "Call {0} back", "Confirm viewing with {0}", "Chase mortgage pre-approval for {0}", "Collect passport and visa copy from {0}", "Send market report to {0}", "Arrange second viewing for {0}"];

    public static readonly string[] CancelReasons =
        ["Client travelling", "Tenant not available to show the unit", "Owner accepted another offer", "Client rescheduled", "Client no longer interested in the building", "Keys not available"];

    public static readonly string[] OfferConditions =
        ["Subject to mortgage approval", "Cash buyer, completion within 30 days", "Vacant on transfer", "Including white goods", "Four cheques", "Subject to valuation", "Two cheques, move-in on the 1st"];

    public static readonly string[] PriceChangeRejections =
        ["Below the owner's minimum; ask the owner to confirm in writing.", "Permit must be updated before the price changes.", "Too early to reduce; the listing went live last week."];

    public static string LostNote(string reason) => reason switch
    {
        "not-responding" => "No answer on calls or WhatsApp for three weeks.",
        "budget-too-low" => "Budget does not match the area; suggested alternatives, not interested.",
        "changed-plans" => "Plans changed, not moving this year.",
        "financing-refused" => "Bank declined the mortgage application.",
        "bought-elsewhere" => "Bought through another channel.",
        "rented-elsewhere" => "Signed a lease elsewhere.",
        "went-with-another-agency" => "Decided to go with another agency.",
        "left-the-uae" => "Relocating abroad; no longer looking in Dubai.",
        "invalid-contact" => "Number not in service and the email bounced.",
        "not-genuine" => "Not a genuine enquiry.",
        "duplicate" => "Duplicate of an existing record.",
        _ => "Closed as lost.",
    };

    public static string Feedback(int rating) => rating switch
    {
        >= 5 => "Loved the unit and the view; wants to discuss an offer.",
        4 => "Liked the layout; comparing with one more option.",
        3 => "Good location but the unit needs some work.",
        2 => "Smaller than expected; not a fit.",
        _ => "Not interested; the building felt dated.",
    };

    public static string BedroomLabel(string propertyType, short? bedrooms) => (propertyType, bedrooms) switch
    {
        ("office-space", _) => "Office",
        (_, null) => "Unit",
        (_, 0) => "Studio",
        ("villa", var b) => $"{b} Bed Villa",
        ("townhouse", var b) => $"{b} Bed Townhouse",
        ("penthouse", var b) => $"{b}BR Penthouse",
        ("duplex", var b) => $"{b}BR Duplex",
        ("hotel-apartment", var b) => $"{b}BR Serviced Apartment",
        (_, var b) => $"{b}BR",
    };

    public static string Title(Random random, Listing listing, string view)
    {
        var sale = listing.Purpose == Purpose.Sale;
        var offPlan = listing.CompletionStatus is CompletionStatus.OffPlan or CompletionStatus.OffPlanPrimary;
        var adjective = offPlan ? Pick(random, OffPlanAdjectives)
            : listing.Furnishing == Furnishing.Furnished && random.NextDouble() < 0.25 ? "Furnished"
            : Pick(random, sale ? SaleAdjectives : RentAdjectives);
        var label = BedroomLabel(listing.PropertyType, listing.Bedrooms);
        string[] hooks = listing.PropertyType switch
        {
            "office-space" => OfficeHooks,
            "villa" or "townhouse" => VillaHooks,
            _ when listing.CompletionStatus is CompletionStatus.OffPlan or CompletionStatus.OffPlanPrimary => OffPlanHooks,
            _ => sale ? SaleHooks : RentHooks,
        };
        var hook = Pick(random, hooks);
        if (listing.CompletionStatus is CompletionStatus.OffPlan or CompletionStatus.OffPlanPrimary && listing.HandoverOn is { } handover && random.NextDouble() < 0.5)
        {
            hook = string.Create(CultureInfo.InvariantCulture, $"Handover Q{(handover.Month - 1) / 3 + 1} {handover.Year}");
        }

        return $"{adjective} {label} | {view} | {hook}";
    }

    public static string Description(Random random, Listing listing, string place, string community, string about, string view, IEnumerable<string> amenityLabels, string agentName, string? agentPhone)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var what = listing.PropertyType switch
        {
            "office-space" => "office",
            "hotel-apartment" => "serviced apartment",
            "villa" => "villa",
            "townhouse" => "townhouse",
            "penthouse" => "penthouse",
            "duplex" => "duplex",
            _ => "apartment",
        };
        var beds = listing.Bedrooms switch
        {
            null => "",
            0 => "studio ",
            var b => string.Create(culture, $"{b}-bedroom "),
        };
        var verb = listing.Purpose == Purpose.Sale ? "for sale" : "for rent";
        text.Append(culture, $"{Brokerage} is pleased to present this {beds}{(listing.Bedrooms == 0 ? "" : what + " ")}{verb} in {place}, {community}.");
        text.Append("\n\n");
        text.Append(culture, $"The property offers {listing.SizeSqft:#,0} sq. ft. of living space");
        if (listing.Bathrooms is { } baths)
        {
            text.Append(culture, $" with {baths} bathroom{(baths == 1 ? "" : "s")}");
        }

        text.Append(culture, $" and enjoys a {view.ToLowerInvariant()}. ");
        text.Append(listing.Furnishing switch
        {
            Furnishing.Furnished => "It comes fully furnished to a high standard.",
            Furnishing.SemiFurnished => "It comes semi-furnished with kitchen appliances and wardrobes.",
            _ => "It is offered unfurnished, ready for your own style.",
        });
        if (listing.CompletionStatus is CompletionStatus.OffPlan or CompletionStatus.OffPlanPrimary && listing.HandoverOn is { } handover)
        {
            text.Append(culture, $" Expected handover: {handover:MMMM yyyy}.");
        }

        text.Append("\n\nProperty features:\n");
        text.Append(culture, $"- {listing.SizeSqft:#,0} sq. ft. built-up area\n");
        if (listing.PlotSizeSqft is { } plot)
        {
            text.Append(culture, $"- {plot:#,0} sq. ft. plot\n");
        }

        if (listing.ParkingSpaces is { } parking)
        {
            text.Append(culture, $"- {parking} parking space{(parking == 1 ? "" : "s")}\n");
        }

        foreach (var amenity in amenityLabels.Take(8))
        {
            text.Append(culture, $"- {amenity}\n");
        }

        text.Append("\nLocation:\n").Append(about).Append("\n\n");
        if (listing.Purpose == Purpose.Sale)
        {
            text.Append(culture, $"Price: AED {listing.PriceMinor / 100:#,0}");
            if (listing.ServiceChargeMinor is { } service)
            {
                text.Append(culture, $" (service charge approx. AED {service / 100:#,0} per year)");
            }
        }
        else
        {
            var period = listing.RentFrequency == RentFrequency.Monthly ? "per month" : "per year";
            text.Append(culture, $"Rent: AED {listing.PriceMinor / 100:#,0} {period}");
            if (listing.Cheques is { } cheques)
            {
                text.Append(culture, $", payable in {cheques} cheque{(cheques == 1 ? "" : "s")}");
            }
        }

        text.Append(".\n\n");
        text.Append(culture, $"Call {agentName}{(agentPhone is null ? "" : " on " + agentPhone)} to arrange a viewing.");
        if (random.NextDouble() < 0.3)
        {
            text.Append(" Other units available in the same building on request.");
        }

        return text.ToString();
    }

    public static string Pick(Random random, IReadOnlyList<string> items) => items[random.Next(items.Count)];
}
