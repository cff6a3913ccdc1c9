using System.Globalization;
using Pace.Activities;
using Pace.Applicants;
using Pace.Identity;
using Pace.Listings;
using Pace.Media;

namespace Pace.Data.Seed;

internal sealed partial class DemoDataGenerator
{
    /// <summary>First listing reference number; references count up in the order listings were created.</summary>
    public const long FirstReference = ListingReference.FirstNumber;

    // Trakheesi advertising permits are issued for a limited period and renewed while the listing is advertised.
    private const int PermitValidityDays = 90;

    private static readonly string[] ImageCaptions =
        ["Living room", "Kitchen", "Master bedroom", "Bedroom", "Bathroom", "Balcony", "View", "Dining area", "Building lobby", "Pool", "Gym", "Community"];

    private static readonly string[] VillaCaptions =
        ["Living room", "Kitchen", "Master bedroom", "Bedroom", "Bathroom", "Garden", "Pool", "Exterior", "Majlis", "Terrace", "Community park", "Street view"];

    private static readonly string[] OfficeCaptions = ["Open-plan area", "Meeting room", "Reception", "Pantry", "View", "Building lobby"];

    private readonly List<ListingInfo> _listings = [];
    private readonly Dictionary<(CommunityPlace Community, Purpose Purpose), List<ListingInfo>> _publishedListings = [];
    private readonly Dictionary<Purpose, List<ListingInfo>> _closedListings = new() { [Purpose.Sale] = [], [Purpose.Rent] = [] };
    private readonly Dictionary<Purpose, List<ListingInfo>> _underOfferListings = new() { [Purpose.Sale] = [], [Purpose.Rent] = [] };
    private readonly HashSet<string> _permitNumbers = new(StringComparer.Ordinal);
    private int _portalSequence;

    /// <summary>
    /// Listings with their owners (applicants of kind owner), media, portal states, approvals and listing timeline.
    /// Owners go into <see cref="DemoBatch.Applicants"/>: copy them before the listings.
    /// </summary>
    public DemoBatch GenerateListings()
    {
        var batch = new DemoBatch();
        var drafts = new List<ListingInfo>(_size.Listings);
        for (var i = 0; i < _size.Listings; i++)
        {
            drafts.Add(DraftListing());
        }

        var ownersByCommunity = new Dictionary<CommunityPlace, List<Applicant>>();
        var reference = FirstReference;
        foreach (var info in drafts.OrderBy(d => d.Listing.CreatedAt))
        {
            var listing = info.Listing;
            listing.Id = NewId(listing.CreatedAt);
            listing.Reference = ListingReference.Format(listing.Purpose, reference++);
            FinishListing(info);
            AddOwner(batch, info, ownersByCommunity);
            AddMedia(batch, info);
            AddPortals(batch, info);
            AddApprovalsAndHistory(batch, info);
            batch.Listings.Add(listing);
            _listings.Add(info);
            if (listing.PublishedAt is not null)
            {
                var key = (info.Target.Community, listing.Purpose);
                if (!_publishedListings.TryGetValue(key, out var list))
                {
                    list = [];
                    _publishedListings[key] = list;
                }

                list.Add(info);
            }

            if (listing.Status is ListingStatus.Sold or ListingStatus.Rented)
            {
                _closedListings[listing.Purpose].Add(info);
            }
            else if (listing.Status == ListingStatus.UnderOffer)
            {
                _underOfferListings[listing.Purpose].Add(info);
            }
        }

        return batch;
    }

    private ListingInfo DraftListing()
    {
        var community = _communityPicker.Pick(_random);
        var commercial = community.Commercial.Count > 0 && Chance(community.CommercialShare);
        var target = Pick(commercial ? community.Commercial : community.Residential);
        var type = target.Types.Pick(_random);
        var band = PickBand(_propertyTypes[type]);
        var purpose = Chance(0.55) ? Purpose.Sale : Purpose.Rent;
        var status = DrawListingStatus(purpose);
        var agent = community.Team.ListingPicker.Pick(_random);
        var villaLike = type is "villa" or "townhouse";

        var offPlan = purpose == Purpose.Sale && Chance(community.Data.OffPlanShare);
        var completion = offPlan
            ? Chance(0.85) ? CompletionStatus.OffPlan : CompletionStatus.OffPlanPrimary
            : purpose == Purpose.Sale && Chance(0.04) ? CompletionStatus.CompletedPrimary : CompletionStatus.Completed;
        var furnishing = type switch
        {
            "hotel-apartment" => Furnishing.Furnished,
            "office-space" => Chance(0.7) ? Furnishing.Unfurnished : Furnishing.SemiFurnished,
            _ when offPlan => Furnishing.Unfurnished,
            _ when purpose == Purpose.Sale => Pick3(0.72, 0.1, Furnishing.Unfurnished, Furnishing.SemiFurnished, Furnishing.Furnished),
            _ => Pick3(0.45, 0.15, Furnishing.Unfurnished, Furnishing.SemiFurnished, Furnishing.Furnished),
        };
        RentFrequency? frequency = purpose == Purpose.Rent
            ? furnishing == Furnishing.Furnished && !villaLike && Chance(0.25) ? RentFrequency.Monthly : RentFrequency.Yearly
            : null;

        var size = RoundSize((decimal)Uniform((double)band.Min, (double)band.Max) * (decimal)target.SizeFactor);
        var bedrooms = band.Bedrooms;
        var listing = new Listing
        {
            Reference = "",
            TitleEn = "",
            DescriptionEn = "",
            Purpose = purpose,
            Category = CategoryOf(type),
            PropertyType = type,
            Status = status,
            Bedrooms = bedrooms,
            Bathrooms = BathroomsFor(type, bedrooms),
            SizeSqft = size,
            PlotSizeSqft = villaLike ? RoundSize(size * (decimal)(type == "villa" ? Uniform(1.4, 2.6) : Uniform(1.1, 1.6))) : null,
            LocationId = target.Location.Id,
            Furnishing = furnishing,
            CompletionStatus = completion,
            RentFrequency = frequency,
            PriceMinor = PriceFor(target, type, bedrooms, size, purpose, furnishing, frequency),
            Developer = target.Developer ?? (community.Data.Developers.Count > 0 ? Pick(community.Data.Developers) : null),
            ProjectName = target.ProjectName,
            ListingAgentId = agent.User.Id,
        };
        listing.Cheques = frequency == RentFrequency.Yearly ? (short)Pick(ChequeCounts) : null;
        listing.ServiceChargeMinor = purpose == Purpose.Sale
            ? (long)Math.Round(size * (decimal)(villaLike ? Uniform(3, 7) : Uniform(14, 28))) * 100
            : null;
        listing.ParkingSpaces = (short)(type switch
        {
            "villa" => Next(2, 4),
            "townhouse" => 2,
            "office-space" => Next(1, 4),
            _ => bedrooms switch { <= 1 => 1, 2 => Next(1, 2), _ => 2 },
        });
        if (villaLike)
        {
            listing.UnitNumber = string.Create(CultureInfo.InvariantCulture, $"{(type == "villa" ? "Villa" : "Unit")} {Next(1, 240)}");
        }
        else
        {
            var floor = type == "penthouse" ? Next(30, 75) : Next(1, type == "office-space" ? 40 : 55);
            listing.FloorNumber = floor.ToString(CultureInfo.InvariantCulture);
            listing.UnitNumber = (floor * 100 + Next(1, 14)).ToString(CultureInfo.InvariantCulture);
        }

        if (completion is CompletionStatus.OffPlan or CompletionStatus.OffPlanPrimary)
        {
            listing.HandoverOn = _today.AddDays(Next(90, 1000));
        }

        DateListing(listing);
        return new ListingInfo(listing, target) { Agent = agent };
    }

    private T Pick3<T>(double first, double second, T a, T b, T c)
    {
        var x = _random.NextDouble();
        return x < first ? a : x < first + second ? b : c;
    }

    private SizeBand PickBand(PropertyTypeData type) =>
        new WeightedPicker<SizeBand>(type.Sizes.Select(s => (s, s.Weight))).Pick(_random);

    private static decimal RoundSize(decimal size) => Math.Round(size / 5m) * 5m;

    private short? BathroomsFor(string type, short? bedrooms) => (type, bedrooms) switch
    {
        ("office-space", _) => null,
        (_, null) => null,
        ("villa" or "townhouse", var b) => (short)(b!.Value + Pick3(0.3, 0.5, 0, 1, 2)),
        (_, 0) => 1,
        (_, 1) => (short)Next(1, 2),
        (_, 2) => (short)(Chance(0.6) ? 3 : 2),
        (_, var b) => (short)(b!.Value + Next(0, 1)),
    };

    private ListingStatus DrawListingStatus(Purpose purpose)
    {
        var x = _random.NextDouble();
        return x switch
        {
            < 0.06 => ListingStatus.Draft,
            < 0.11 => ListingStatus.PendingApproval,
            < 0.71 => ListingStatus.Live,
            < 0.77 => ListingStatus.UnderOffer,
            < 0.89 => purpose == Purpose.Sale ? ListingStatus.Sold : ListingStatus.Rented,
            < 0.95 => ListingStatus.Withdrawn,
            _ => ListingStatus.Expired,
        };
    }

    /// <summary>Sale price, or rent per period, in fils: size × a price per sq. ft. of the community, rounded as agents round.</summary>
    private long PriceFor(PlaceTarget target, string type, short? bedrooms, decimal size, Purpose purpose, Furnishing furnishing, RentFrequency? frequency)
    {
        var range = purpose == Purpose.Sale ? target.SalePerSqft : target.RentPerSqft;
        var perSqft = (decimal)Uniform((double)range[0], (double)range[1]);
        perSqft *= TypeFactor(type) * BedroomFactor(type, bedrooms);
        var amount = size * perSqft;
        if (purpose == Purpose.Sale)
        {
            return RoundTo(amount, amount switch { < 1_000_000 => 5_000, < 5_000_000 => 10_000, < 20_000_000 => 50_000, _ => 250_000 }) * 100;
        }

        if (furnishing == Furnishing.Furnished)
        {
            amount *= 1.12m;
        }

        return frequency == RentFrequency.Monthly
            ? RoundTo(amount / 12 * 1.15m, 500) * 100
            : RoundTo(amount, amount switch { < 100_000 => 1_000, < 500_000 => 5_000, _ => 25_000 }) * 100;
    }

    private static decimal TypeFactor(string type) => type switch { "penthouse" => 1.2m, "office-space" => 0.85m, "hotel-apartment" => 0.92m, _ => 1m };

    /// <summary>Small flats fetch more per sq. ft. than large ones.</summary>
    private static decimal BedroomFactor(string type, short? bedrooms) => type is "villa" or "townhouse" or "office-space" ? 1m : bedrooms switch
    {
        0 => 1.35m,
        1 => 1.15m,
        2 => 1m,
        3 => 0.93m,
        _ => 0.87m,
    };

    private static long RoundTo(decimal amount, long step) => Math.Max(step, (long)Math.Round(amount / step) * step);

    private void DateListing(Listing listing)
    {
        DateTimeOffset Published(DateTimeOffset created) => Min(created.AddHours(Uniform(20, 120)), _now.AddHours(-1));
        switch (listing.Status)
        {
            case ListingStatus.Draft:
                listing.CreatedAt = DaysAgo(0.1, 30);
                listing.StatusChangedAt = listing.CreatedAt;
                break;
            case ListingStatus.PendingApproval:
                listing.CreatedAt = DaysAgo(0.5, 12);
                listing.StatusChangedAt = Between(listing.CreatedAt, Min(listing.CreatedAt.AddDays(3), _now));
                break;
            case ListingStatus.Live:
                // More recent listings than old ones: stock turns over.
                listing.CreatedAt = _now.AddDays(-(3 + 397 * Math.Pow(_random.NextDouble(), 1.6))).AddSeconds(-Next(0, 86_399));
                listing.PublishedAt = Published(listing.CreatedAt);
                listing.StatusChangedAt = listing.PublishedAt.Value;
                break;
            case ListingStatus.UnderOffer:
                listing.CreatedAt = DaysAgo(20, 300);
                listing.PublishedAt = Published(listing.CreatedAt);
                listing.StatusChangedAt = Between(Max(listing.PublishedAt.Value.AddDays(3), _now.AddDays(-45)), _now.AddHours(-2));
                break;
            case ListingStatus.Sold or ListingStatus.Rented:
                listing.CreatedAt = DaysAgo(40, 520);
                listing.PublishedAt = Published(listing.CreatedAt);
                listing.StatusChangedAt = Between(Max(listing.PublishedAt.Value.AddDays(10), _now.AddDays(-300)), _now.AddDays(-1));
                break;
            case ListingStatus.Withdrawn:
                listing.CreatedAt = DaysAgo(30, 400);
                listing.PublishedAt = Published(listing.CreatedAt);
                listing.StatusChangedAt = Between(listing.PublishedAt.Value.AddDays(5), _now.AddDays(-1));
                break;
            default:
                listing.CreatedAt = DaysAgo(100, 450);
                listing.PublishedAt = Published(listing.CreatedAt);
                listing.StatusChangedAt = Between(listing.PublishedAt.Value.AddDays(PermitValidityDays), _now.AddDays(-1));
                break;
        }

        listing.CreatedAt = Min(listing.CreatedAt, _now.AddMinutes(-30));
        listing.StatusChangedAt = Min(Max(listing.StatusChangedAt, listing.CreatedAt), _now);
        listing.UpdatedAt = Min(listing.StatusChangedAt.AddHours(Uniform(0, 120)), _now);
    }

    /// <summary>Text, permit, mandate and availability, once the reference is known.</summary>
    private void FinishListing(ListingInfo info)
    {
        var listing = info.Listing;
        var target = info.Target;
        var community = target.Community;
        var view = Pick(community.Data.Views);
        var waterView = community.Waterfront && view.Contains("View", StringComparison.Ordinal)
            && !view.Contains("Burj", StringComparison.Ordinal) && !view.Contains("Community", StringComparison.Ordinal)
            && !view.Contains("Park", StringComparison.Ordinal) && !view.Contains("Golf", StringComparison.Ordinal);
        listing.Amenities = AmenitiesFor(listing.PropertyType, listing.Bedrooms, community, waterView, view.Contains("Burj", StringComparison.Ordinal));
        listing.TitleEn = DemoText.Title(_random, listing, view);
        listing.DescriptionEn = DemoText.Description(_random, listing, target.Location.Name, community.Data.Name, community.Data.About, view,
            listing.Amenities.Select(a => _amenityLabels[a]), info.Agent.User.DisplayName, info.Agent.User.Phone);

        if (listing.Purpose == Purpose.Rent)
        {
            listing.AvailableFrom = listing.Status is ListingStatus.Live or ListingStatus.Draft or ListingStatus.PendingApproval
                ? _today.AddDays(Next(0, 60))
                : DubaiDate(listing.StatusChangedAt).AddDays(Next(0, 30));
        }

        // Form A (sale) or landlord NOC (rent): live listings hold a current one.
        listing.MandateType = Chance(listing.Purpose == Purpose.Sale ? 0.35 : 0.25) ? MandateType.Exclusive : MandateType.NonExclusive;
        var mandateEnd = DubaiDate(listing.CreatedAt).AddDays(Next(90, 180));
        listing.MandateExpiresOn = listing.Status is ListingStatus.Live or ListingStatus.UnderOffer or ListingStatus.PendingApproval or ListingStatus.Draft
            && mandateEnd <= _today ? _today.AddDays(Next(15, 120)) : mandateEnd;

        var published = listing.PublishedAt is { } p ? DubaiDate(p) : (DateOnly?)null;
        DateOnly? issued = listing.Status switch
        {
            ListingStatus.Live or ListingStatus.UnderOffer => published!.Value >= _today.AddDays(-85)
                ? published.Value.AddDays(-Next(0, 2))
                : _today.AddDays(-Next(0, PermitValidityDays - 3)),
            ListingStatus.PendingApproval => DubaiDate(listing.CreatedAt).AddDays(-Next(0, 3)),
            ListingStatus.Draft => Chance(0.5) ? DubaiDate(listing.CreatedAt).AddDays(-Next(0, 3)) : null,
            ListingStatus.Expired => DubaiDate(listing.StatusChangedAt).AddDays(-PermitValidityDays),
            _ => published!.Value.AddDays(-Next(0, 2)),
        };
        if (issued is { } issuedOn)
        {
            listing.PermitType = PermitType.Rera;
            listing.PermitNumber = NewPermitNumber();
            listing.PermitIssuedOn = issuedOn;
            listing.PermitExpiresOn = issuedOn.AddDays(PermitValidityDays);
            listing.PermitPriceMinor = listing.PriceMinor;
            listing.PermitSizeSqft = listing.SizeSqft;
            if (listing.Status != ListingStatus.Draft)
            {
                listing.PermitVerifiedAt = Min(DubaiTime(issuedOn, 10, 0).AddMinutes(Next(0, 480)), _now);
            }
        }
    }

    private string NewPermitNumber()
    {
        string number;
        do
        {
            number = "71" + Digits(8);
        }
        while (!_permitNumbers.Add(number));

        return number;
    }

    private string[] AmenitiesFor(string type, short? bedrooms, CommunityPlace community, bool waterView, bool landmarkView)
    {
        var amenities = new List<string>();
        void Maybe(string code, double probability)
        {
            if (Chance(probability))
            {
                amenities.Add(code);
            }
        }

        var beds = bedrooms ?? 0;
        switch (type)
        {
            case "office-space":
                Maybe("central-ac", 0.95);
                Maybe("security", 0.9);
                Maybe("covered-parking", 0.8);
                Maybe("conference-room", 0.5);
                Maybe("networked", 0.6);
                Maybe("lobby-in-building", 0.8);
                Maybe("dining-in-building", 0.5);
                Maybe("shared-gym", 0.3);
                break;
            case "villa" or "townhouse":
                var villa = type == "villa";
                Maybe("central-ac", 0.95);
                Maybe("built-in-wardrobes", 0.9);
                Maybe("kitchen-appliances", 0.5);
                Maybe("security", 0.9);
                Maybe("balcony", 0.6);
                Maybe("private-garden", 0.85);
                Maybe("private-pool", villa ? 0.45 : 0.1);
                Maybe("maids-room", beds >= 3 ? 0.75 : 0.1);
                Maybe("study", 0.4);
                Maybe("covered-parking", 0.9);
                Maybe("shared-pool", 0.7);
                Maybe("shared-gym", 0.4);
                Maybe("childrens-play-area", 0.7);
                Maybe("childrens-pool", 0.3);
                Maybe("barbecue-area", 0.45);
                Maybe("pets-allowed", 0.4);
                Maybe("walk-in-closet", 0.6);
                Maybe("private-gym", villa ? 0.1 : 0);
                Maybe("private-jacuzzi", villa ? 0.15 : 0);
                Maybe("view-of-water", waterView ? 0.9 : 0);
                Maybe("vastu-compliant", 0.04);
                break;
            default:
                var premium = type is "penthouse" or "duplex" || community.Landmark;
                Maybe("central-ac", 0.95);
                Maybe("built-in-wardrobes", 0.85);
                Maybe("kitchen-appliances", 0.6);
                Maybe("security", 0.9);
                Maybe("concierge", premium ? 0.7 : 0.3);
                Maybe("maid-service", type == "hotel-apartment" ? 0.85 : 0.03);
                Maybe("balcony", 0.8);
                Maybe("private-jacuzzi", type == "penthouse" ? 0.4 : 0);
                Maybe("private-pool", type == "penthouse" ? 0.2 : 0);
                Maybe("shared-gym", 0.85);
                Maybe("shared-spa", premium ? 0.5 : 0.2);
                Maybe("covered-parking", 0.85);
                Maybe("maids-room", beds >= 3 ? 0.6 : 0);
                Maybe("study", beds >= 2 ? 0.15 : 0);
                Maybe("childrens-play-area", 0.4);
                Maybe("pets-allowed", 0.2);
                Maybe("barbecue-area", 0.25);
                Maybe("shared-pool", 0.85);
                Maybe("childrens-pool", 0.25);
                Maybe("view-of-water", waterView ? 0.85 : 0);
                Maybe("view-of-landmark", landmarkView ? 0.85 : 0);
                Maybe("walk-in-closet", beds >= 2 ? 0.35 : 0);
                Maybe("lobby-in-building", 0.7);
                Maybe("networked", 0.2);
                Maybe("dining-in-building", 0.3);
                break;
        }

        return amenities.ToArray();
    }

    private void AddOwner(DemoBatch batch, ListingInfo info, Dictionary<CommunityPlace, List<Applicant>> ownersByCommunity)
    {
        var listing = info.Listing;
        if (Chance(0.1))
        {
            return; // developer stock or an owner not yet linked
        }

        var community = info.Target.Community;
        if (!ownersByCommunity.TryGetValue(community, out var known))
        {
            known = [];
            ownersByCommunity[community] = known;
        }

        Applicant owner;
        if (known.Count > 0 && Chance(0.22))
        {
            // Investors own several units in the same community.
            owner = Pick(known);
            if (!owner.Tags.Contains("investor"))
            {
                owner.Tags = [.. owner.Tags, "investor"];
            }
        }
        else
        {
            var created = Max(listing.CreatedAt.AddHours(-Uniform(1, 72)), _goLive.AddDays(-700));
            var person = NewPerson();
            var imported = created < _goLive;
            var source = imported ? LeadSource.Salesforce : PickSource([(LeadSource.Referral, 30), (LeadSource.Call, 20), (LeadSource.Website, 15), (LeadSource.Email, 10), (LeadSource.WalkIn, 5), (LeadSource.Other, 5)]);
            var (stage, stageAt, lostReason) = listing.Status switch
            {
                ListingStatus.Draft or ListingStatus.PendingApproval => (ApplicantStage.Qualified, created, (string?)null),
                ListingStatus.Withdrawn or ListingStatus.Expired => (ApplicantStage.Lost, listing.StatusChangedAt, Chance(0.5) ? "went-with-another-agency" : "changed-plans"),
                _ => (ApplicantStage.Won, listing.CreatedAt, null),
            };
            owner = new Applicant
            {
                Id = NewId(created),
                Kind = ContactKind.Owner,
                FirstName = person.FirstName,
                LastName = person.LastName,
                Language = person.Language,
                Nationality = person.Nationality.Code,
                Source = source,
                SourceDetail = source == LeadSource.Referral ? "Referred by an existing client" : null,
                Stage = stage,
                StageChangedAt = Max(stageAt, created),
                LostReason = lostReason,
                AssignedAgentId = info.Agent.User.Id,
                AssignedAt = created,
                FirstContactedAt = created,
                LastActivityAt = listing.CreatedAt,
                Tags = [listing.Purpose == Purpose.Sale ? "seller" : "landlord", .. Chance(0.05) ? new[] { "vip" } : []],
                ExternalId = imported ? SalesforceId() : null,
                CreatedAt = created,
                UpdatedAt = Max(stageAt, created),
            };
            AddContactDetails(batch, owner, person, source, info.Agent);
            batch.Applicants.Add(owner);
            known.Add(owner);
        }

        listing.OwnerId = owner.Id;
        var agentId = info.Agent.User.Id;
        var at = Max(owner.CreatedAt, listing.CreatedAt.AddHours(-Uniform(0.5, 20)));
        var body = listing.Purpose == Purpose.Sale
            ? string.Create(CultureInfo.InvariantCulture, $"Form A signed for {listing.Reference}: {(listing.MandateType == MandateType.Exclusive ? "exclusive" : "non-exclusive")} mandate until {listing.MandateExpiresOn:d MMM yyyy}.")
            : string.Create(CultureInfo.InvariantCulture, $"Landlord NOC received for {listing.Reference}; owner wants {(listing.Cheques is { } c ? c.ToString(CultureInfo.InvariantCulture) : "flexible")} cheques.");
        batch.Activities.Add(NewActivity(ActivityKind.Note, at, owner.Id, agentId, listing.Id, body: body));
        owner.LastActivityAt = Max(owner.LastActivityAt ?? at, at);
        owner.UpdatedAt = Max(owner.UpdatedAt, at);
    }

    private LeadSource PickSource(IEnumerable<(LeadSource Source, double Weight)> weights) =>
        new WeightedPicker<LeadSource>(weights).Pick(_random);

    private string SalesforceId()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        Span<char> id = stackalloc char[18];
        "0035g".CopyTo(id);
        for (var i = 5; i < 18; i++)
        {
            id[i] = alphabet[_random.Next(alphabet.Length)];
        }

        return new string(id);
    }

    private void AddMedia(DemoBatch batch, ListingInfo info)
    {
        var listing = info.Listing;
        var (captions, count) = listing.PropertyType switch
        {
            "villa" or "townhouse" => (VillaCaptions, 40),
            "office-space" => (OfficeCaptions, 20),
            _ => (ImageCaptions, 60),
        };
        var images = listing.Status == ListingStatus.Draft ? Next(0, 6) : Next(8, 16);
        var at = listing.CreatedAt.AddMinutes(Next(5, 240));
        var start = Next(0, count - 1);
        var order = 0;
        // Photos and floor plans are the painted pictures of the media store; videos and 360° tours live on the hosts
        // agents use for them, as they would.
        void Add(MediaKind kind, string url, DemoPhoto? photo, string? caption)
        {
            var mediaAt = Min(at.AddSeconds(order * 7), _now);
            batch.Media.Add(new ListingMedia
            {
                Id = NewId(mediaAt),
                ListingId = listing.Id,
                Kind = kind,
                SortOrder = order++,
                StorageKey = photo?.Key.ToString(),
                Url = url,
                ContentType = photo is null ? null : MediaTypes.Png,
                Width = photo?.Width,
                Height = photo?.Height,
                SizeBytes = photo?.Png.Length,
                Caption = caption,
                CreatedAt = mediaAt,
                UpdatedAt = mediaAt,
            });
        }

        for (var i = 0; i < images; i++)
        {
            var photo = DemoPhotos.Photos[(start + i) % DemoPhotos.Photos.Count];
            Add(MediaKind.Image, photo.Key.Url, photo, i < captions.Length ? captions[i] : null);
        }

        if (listing.Status == ListingStatus.Draft)
        {
            return;
        }

        if (listing.PropertyType != "office-space" && Chance(0.6))
        {
            var plan = DemoPhotos.FloorPlans[Next(1, 20) % DemoPhotos.FloorPlans.Count];
            Add(MediaKind.FloorPlan, plan.Key.Url, plan, "Floor plan");
        }

        if (Chance(0.15))
        {
            Add(MediaKind.Video, string.Create(CultureInfo.InvariantCulture, $"https://www.youtube.com/watch?v=pace-demo-{Next(1, 10):00}"), null, "Video tour");
        }

        if (Chance(0.08))
        {
            Add(MediaKind.Tour360, string.Create(CultureInfo.InvariantCulture, $"https://my.matterport.com/show/?m=pace-demo-{Next(1, 5)}"), null, "360° tour");
        }
    }

    private void AddPortals(DemoBatch batch, ListingInfo info)
    {
        var listing = info.Listing;
        if (listing.PublishedAt is not { } published)
        {
            return;
        }

        var advertised = listing.Status is ListingStatus.Live or ListingStatus.UnderOffer;
        foreach (var portal in Enum.GetValues<Portal>())
        {
            if (portal == Portal.Bayut && Chance(0.08))
            {
                continue; // not every listing goes to every portal
            }

            var state = advertised ? PortalState.Live : PortalState.Unpublished;
            string? error = null;
            if (advertised && portal == Portal.PropertyFinder && Chance(0.03))
            {
                state = PortalState.Failed;
                error = "compliance: the permit price does not match the listing price (listing_invalid_permit)";
            }

            var synced = advertised ? DaysAgo(0.01, 1) : Min(listing.StatusChangedAt.AddMinutes(Next(1, 30)), _now);
            batch.Portals.Add(new ListingPortal
            {
                ListingId = listing.Id,
                Portal = portal,
                ExternalId = portal switch
                {
                    Portal.PropertyFinder => Ulid(published),
                    Portal.Bayut => (8_200_000 + _portalSequence++).ToString(CultureInfo.InvariantCulture),
                    _ => null,
                },
                State = state,
                PublishedAt = published.AddMinutes(Next(1, 30)),
                LastSyncedAt = synced,
                LastError = error,
                UpdatedAt = synced,
            });
        }
    }

    /// <summary>A ULID as Property Finder uses for listing ids: 48-bit time, 80 random bits, Crockford base32.</summary>
    private string Ulid(DateTimeOffset at)
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<char> chars = stackalloc char[26];
        var time = at.ToUnixTimeMilliseconds();
        for (var i = 9; i >= 0; i--)
        {
            chars[i] = alphabet[(int)(time & 31)];
            time >>= 5;
        }

        for (var i = 10; i < 26; i++)
        {
            chars[i] = alphabet[_random.Next(32)];
        }

        return new string(chars);
    }

    /// <summary>Manager approvals (go-live, price changes) and the listing's own timeline.</summary>
    private void AddApprovalsAndHistory(DemoBatch batch, ListingInfo info)
    {
        var listing = info.Listing;
        var agent = info.Agent;
        var decider = agent.User.Role == UserRole.Manager || agent.Manager is null ? _admin : agent.Manager;
        batch.Activities.Add(NewActivity(ActivityKind.System, listing.CreatedAt, userId: agent.User.Id, listingId: listing.Id,
            subject: "Listing created", body: $"{listing.Reference} created as a draft by {agent.User.DisplayName}."));

        if (listing.Status == ListingStatus.PendingApproval)
        {
            batch.Approvals.Add(NewApproval(listing, ApprovalKind.GoLive, agent, listing.StatusChangedAt, null, null, ApprovalDecision.Pending, null, null, null));
        }

        if (listing.PublishedAt is not { } published)
        {
            return;
        }

        if (Chance(0.4))
        {
            var requested = Max(listing.CreatedAt, published.AddHours(-Uniform(2, 24)));
            batch.Approvals.Add(NewApproval(listing, ApprovalKind.GoLive, agent, requested, null, null, ApprovalDecision.Approved, decider, Between(requested, published), null));
        }

        batch.Activities.Add(NewActivity(ActivityKind.System, published, listingId: listing.Id,
            subject: "Published", body: "Published to Property Finder, Bayut and the website."));

        if (listing.Status == ListingStatus.Live)
        {
            var x = _random.NextDouble();
            if (x < 0.06 && published < _now.AddDays(-3))
            {
                // Approved reduction: the listing and its permit show the new price.
                var previous = RoundTo(listing.PriceMinor / 100m * (decimal)Uniform(1.04, 1.12), 5_000) * 100;
                var requested = Between(published.AddDays(1), _now.AddDays(-1));
                var decided = Min(requested.AddHours(Uniform(1, 20)), _now);
                batch.Approvals.Add(NewApproval(listing, ApprovalKind.PriceChange, agent, requested, previous, listing.PriceMinor, ApprovalDecision.Approved, decider, decided, null));
                batch.Activities.Add(NewActivity(ActivityKind.System, decided, listingId: listing.Id, userId: decider.User.Id,
                    subject: "Price changed", body: $"Price changed from {Aed(previous)} to {Aed(listing.PriceMinor)}.",
                    data: Data(new { from = previous, to = listing.PriceMinor, currency = "AED" })));
                listing.UpdatedAt = Max(listing.UpdatedAt, decided);
            }
            else if (x < 0.08)
            {
                var requested = DaysAgo(0.05, 3);
                var asked = RoundTo(listing.PriceMinor / 100m * (decimal)Uniform(0.92, 0.97), 5_000) * 100;
                batch.Approvals.Add(NewApproval(listing, ApprovalKind.PriceChange, agent, Max(requested, published), listing.PriceMinor, asked, ApprovalDecision.Pending, null, null, null));
            }
            else if (x < 0.09)
            {
                var requested = Between(published, _now.AddDays(-1));
                var asked = RoundTo(listing.PriceMinor / 100m * (decimal)Uniform(0.8, 0.88), 5_000) * 100;
                batch.Approvals.Add(NewApproval(listing, ApprovalKind.PriceChange, agent, requested, listing.PriceMinor, asked, ApprovalDecision.Rejected, decider,
                    Min(requested.AddHours(Uniform(1, 30)), _now), Pick(DemoText.PriceChangeRejections)));
            }

            if (listing.PermitExpiresOn is { } expires && expires <= _today.AddDays(14))
            {
                // The agent's reminder to renew the advertising permit before the portals take the listing down.
                var created = DubaiTime(expires.AddDays(-14), 8, 0);
                var task = NewActivity(ActivityKind.Task, Min(created, _now), userId: agent.User.Id, listingId: listing.Id,
                    subject: $"Renew Trakheesi permit for {listing.Reference}", body: string.Create(CultureInfo.InvariantCulture, $"Permit {listing.PermitNumber} expires on {expires:d MMM yyyy}."));
                task.DueAt = DubaiTime(expires.AddDays(-3), 12, 0);
                batch.Activities.Add(task);
            }
        }
        else if (listing.Status is not ListingStatus.UnderOffer)
        {
            var to = ModelStatus(listing.Status);
            batch.Activities.Add(NewActivity(ActivityKind.System, listing.StatusChangedAt, listingId: listing.Id, userId: agent.User.Id,
                subject: "Status changed", body: $"{listing.Reference} marked {to.Replace('_', ' ')}.",
                data: Data(new { from = "live", to })));
        }
    }

    private ListingApproval NewApproval(Listing listing, ApprovalKind kind, StaffMember requester, DateTimeOffset requested, long? previous, long? asked,
        ApprovalDecision decision, StaffMember? decider, DateTimeOffset? decided, string? reason) => new()
        {
            Id = NewId(requested),
            ListingId = listing.Id,
            Kind = kind,
            RequestedById = requester.User.Id,
            RequestedAt = requested,
            PreviousPriceMinor = previous,
            RequestedPriceMinor = asked,
            Decision = decision,
            DecidedById = decider?.User.Id,
            DecidedAt = decided,
            Reason = reason,
            CreatedAt = requested,
            UpdatedAt = decided ?? requested,
        };

    private static string ModelStatus(ListingStatus status) => Common.ModelConventions.ToSnakeCase(status.ToString());
}
