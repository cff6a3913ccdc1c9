using System.Globalization;
using Pace.Activities;
using Pace.Applicants;
using Pace.Listings;

namespace Pace.Data.Seed;

internal sealed partial class DemoDataGenerator
{
    private static readonly ApplicantStage[] Progression =
        [ApplicantStage.Contacted, ApplicantStage.Qualified, ApplicantStage.Viewing, ApplicantStage.Offer, ApplicantStage.Won];

    private static readonly int[] WeekViewingDays = [1, 2, 3, 5, 6];
    private static readonly int[] ViewingMinutes = [30, 45, 45, 60];
    private static readonly int[] UpcomingViewingMinutes = [30, 45, 60];
    private static readonly int[] Ratings = [1, 2, 3, 3, 4, 4, 4, 5, 5];
    private static readonly int[] ChequeCounts = [1, 2, 4, 4, 4, 6, 12];
    private static readonly string[] OutboundStatuses = ["delivered", "read", "read"];
    private static readonly string[] UnreachableReasons = ["not-responding", "not-responding", "invalid-contact", "not-genuine"];
    private static readonly string[] SaleTags = ["cash-buyer", "mortgage", "investor", "end-user", "first-time-buyer", "golden-visa", "off-plan"];
    private static readonly string[] RentTags = ["relocating", "family", "corporate-lease", "pet-owner", "short-term"];
    private static readonly string[] CommonTags = ["hot", "vip", "urgent", "follow-up", "cold"];

    // Quarter hours an agent is booked, as (agent index << 32 | quarter since the schedule origin).
    private readonly HashSet<long> _busy = [];
    private readonly List<(Applicant Applicant, Person Person, string Phone)> _recent = [];

    /// <summary>Buyers and tenants with their timeline, in batches of <see cref="DemoDataSize.BatchSize"/>.</summary>
    public IEnumerable<DemoBatch> GenerateApplicants()
    {
        var remaining = _size.Applicants;
        var scripts = Scripts().Take(remaining).ToList();
        while (remaining > 0)
        {
            var batch = new DemoBatch();
            foreach (var script in scripts)
            {
                GenerateApplicant(batch, script);
            }

            remaining -= scripts.Count;
            scripts.Clear();
            var count = Math.Min(remaining, Math.Max(1, _size.BatchSize - batch.Applicants.Count));
            for (var i = 0; i < count; i++)
            {
                if (_recent.Count > 10 && Chance(0.004))
                {
                    GenerateDuplicate(batch, Pick(_recent));
                }
                else
                {
                    GenerateApplicant(batch, null);
                }
            }

            remaining -= count;
            _recent.Clear();
            yield return batch;
        }
    }

    /// <summary>An applicant the fixed accounts must have: a viewing at a given time and a task due at a given time.</summary>
    private sealed record ApplicantScript(StaffMember Agent, DateTimeOffset? UpcomingViewing, DateTimeOffset? PastViewing, DateTimeOffset TaskDue);

    /// <summary>"My day" for the fixed accounts: viewings later today and this week, tasks due today and overdue.</summary>
    private IEnumerable<ApplicantScript> Scripts()
    {
        var agent = _staff.Single(s => s.User.Email == DemoAccounts.Agent);
        var agent2 = _staff.Single(s => s.User.Email == DemoAccounts.Agent2);
        var manager = _staff.Single(s => s.User.Email == DemoAccounts.Manager);
        foreach (var (member, today, week) in new[] { (agent, 3, 4), (agent2, 2, 3), (manager, 1, 2) })
        {
            var upcoming = UpcomingSlots(today, week);
            var dues = new List<DateTimeOffset>
            {
                Min(RoundUp30(_now.AddHours(Uniform(1, 3))), DubaiTime(_today, 23, 30)),
                Min(RoundUp30(_now.AddHours(Uniform(2, 5))), DubaiTime(_today, 23, 45)),
                RoundUp30(_now.AddDays(-1).AddHours(-Uniform(0, 4))),
                RoundUp30(_now.AddDays(-3).AddHours(-Uniform(0, 4))),
            };
            for (var i = 0; i < upcoming.Count; i++)
            {
                var due = i < dues.Count ? dues[i] : RoundUp30(_now.AddDays(Uniform(1, 5)));
                yield return new ApplicantScript(member, upcoming[i], null, due);
            }

            // One viewing already done today (or yesterday evening before the office opened).
            var local = (_now + DubaiOffset).TimeOfDay;
            var done = local >= TimeSpan.FromHours(11) ? DubaiTime(_today, 9, 30) : DubaiTime(_today.AddDays(-1), 17, 0);
            yield return new ApplicantScript(member, null, done, RoundUp30(_now.AddDays(Uniform(1, 4))));
        }
    }

    private List<DateTimeOffset> UpcomingSlots(int today, int week)
    {
        var slots = new List<DateTimeOffset>();
        var next = Max(RoundUp30(_now.AddMinutes(45)), DubaiTime(_today, 9, 30));
        while (slots.Count < today && DubaiDate(next) == _today && (next + DubaiOffset).TimeOfDay <= TimeSpan.FromHours(22))
        {
            slots.Add(next);
            next = next.AddMinutes(90);
        }

        // Late in the evening there is no time left today: the rest go to tomorrow morning.
        while (slots.Count < today)
        {
            slots.Add(DubaiTime(_today.AddDays(1), 10 + slots.Count, 0));
        }

        foreach (var offset in WeekViewingDays.Take(week))
        {
            slots.Add(DubaiTime(_today.AddDays(offset), offset % 2 == 0 ? 11 : 17, offset % 3 == 0 ? 30 : 0));
        }

        return slots;
    }

    private static DateTimeOffset RoundUp30(DateTimeOffset at)
    {
        var ticks = TimeSpan.FromMinutes(30).Ticks;
        return new DateTimeOffset((at.UtcTicks + ticks - 1) / ticks * ticks, TimeSpan.Zero);
    }

    private void GenerateApplicant(DemoBatch batch, ApplicantScript? script)
    {
        var created = script is null ? DrawLeadCreated() : DaysAgo(5, 25);
        var community = script is null ? _communityPicker.Pick(_random) : Pick(script.Agent.Team!.Communities);
        var stage = script is null ? DrawStage(_now - created) : ApplicantStage.Viewing;
        var source = DrawSource(created);
        var person = NewPerson();
        var enquiry = source is LeadSource.PropertyFinder or LeadSource.Bayut or LeadSource.Dubizzle or LeadSource.Website
            ? FindEnquiry(community, created)
            : null;
        var purpose = enquiry?.Listing.Purpose ?? (Chance(0.5) ? Purpose.Sale : Purpose.Rent);
        var agent = script?.Agent ?? community.Team.LeadPicker.Pick(_random);
        if (script is null && stage == ApplicantStage.New && _now - created < TimeSpan.FromDays(2) && Chance(0.35))
        {
            agent = null; // still in the unassigned queue
        }

        var applicant = new Applicant
        {
            Id = NewId(created),
            Kind = ContactKind.Applicant,
            FirstName = person.FirstName,
            LastName = person.LastName,
            Language = person.Language,
            Nationality = person.Nationality.Code,
            Source = source,
            SourceDetail = SourceDetail(source, enquiry, community),
            Stage = ApplicantStage.New,
            StageChangedAt = created,
            AssignedAgentId = agent?.User.Id,
            Tags = DrawTags(purpose),
            Notes = Chance(0.15) ? Pick(DemoText.Notes) : null,
            ExternalId = source == LeadSource.Salesforce ? SalesforceId() : null,
            CreatedAt = created,
            UpdatedAt = created,
        };
        AddContactDetails(batch, applicant, person, source, agent);
        var requirement = AddRequirement(batch, applicant, community, purpose, enquiry, created);
        if (Chance(0.1))
        {
            var other = Chance(0.5) ? community : Pick(community.Team.Communities);
            AddRequirement(batch, applicant, other, Chance(0.5) ? purpose : Other(purpose), null, Between(created, _now));
        }

        new Timeline(this, batch, applicant, person, agent, requirement, community, enquiry, stage, script).Build();
        batch.Applicants.Add(applicant);
        if (batch.Phones.LastOrDefault(p => p.ApplicantId == applicant.Id && p.IsPrimary) is { } phone)
        {
            _recent.Add((applicant, person, phone.Number));
        }
    }

    /// <summary>The same person entering again through another portal, found and merged into the first record.</summary>
    private void GenerateDuplicate(DemoBatch batch, (Applicant Applicant, Person Person, string Phone) original)
    {
        var survivor = original.Applicant;
        var created = Between(survivor.CreatedAt.AddHours(1), _now.AddHours(-1));
        var merged = Min(created.AddHours(Uniform(1, 72)), _now);
        var duplicate = new Applicant
        {
            Id = NewId(created),
            Kind = ContactKind.Applicant,
            FirstName = original.Person.FirstName,
            LastName = original.Person.LastName,
            Language = original.Person.Language,
            Nationality = original.Person.Nationality.Code,
            Source = Chance(0.5) ? LeadSource.Bayut : LeadSource.PropertyFinder,
            Stage = ApplicantStage.Lost,
            StageChangedAt = merged,
            LostReason = "duplicate",
            AssignedAgentId = survivor.AssignedAgentId,
            AssignedAt = survivor.AssignedAgentId is null ? null : created,
            LastActivityAt = merged,
            MergedIntoId = survivor.Id,
            CreatedAt = created,
            UpdatedAt = merged,
        };
        batch.Phones.Add(new ApplicantPhone { Id = NewId(created), ApplicantId = duplicate.Id, Number = original.Phone, Label = "mobile", IsPrimary = true, IsWhatsApp = true, CreatedAt = created, UpdatedAt = created });
        batch.Activities.Add(NewActivity(ActivityKind.Email, created, duplicate.Id, direction: Direction.Inbound,
            subject: $"New enquiry from {PortalName(duplicate.Source)}", body: Pick(DemoText.EnquiryMessages)));
        batch.Activities.Add(NewActivity(ActivityKind.System, merged, duplicate.Id, survivor.AssignedAgentId,
            subject: "Merged", body: $"Duplicate of {survivor.FirstName} {survivor.LastName} (same phone number); merged into the existing record.",
            data: Data(new { mergedIntoId = survivor.Id })));
        batch.Activities.Add(NewActivity(ActivityKind.StageChange, merged, duplicate.Id, survivor.AssignedAgentId,
            subject: "Stage: New → Lost", data: Data(new { from = "new", to = "lost", reason = "duplicate" })));
        batch.Applicants.Add(duplicate);
    }

    private DateTimeOffset DrawLeadCreated() =>
        Chance(_size.RecentLeadShare)
            ? _now.AddDays(-90 * Math.Pow(_random.NextDouble(), 1.15)).AddSeconds(-Next(0, 600))
            : DaysAgo(90, 540);

    private ApplicantStage DrawStage(TimeSpan age)
    {
        double[] weights = age.TotalDays switch
        {
            < 1 => [60, 35, 0, 0, 0, 0, 5],
            < 7 => [15, 40, 25, 10, 0, 0, 10],
            < 30 => [3, 22, 27, 20, 5, 1.5, 21],
            < 90 => [1, 14, 23, 16, 6, 5, 35],
            _ => [0, 10, 18, 9, 3, 12, 48],
        };
        ApplicantStage[] stages = [ApplicantStage.New, ApplicantStage.Contacted, ApplicantStage.Qualified, ApplicantStage.Viewing, ApplicantStage.Offer, ApplicantStage.Won, ApplicantStage.Lost];
        return new WeightedPicker<ApplicantStage>(stages.Zip(weights)).Pick(_random);
    }

    private LeadSource DrawSource(DateTimeOffset created)
    {
        if (created < _goLive && Chance(0.7))
        {
            return LeadSource.Salesforce;
        }

        return PickSource([
            (LeadSource.PropertyFinder, 30), (LeadSource.Bayut, 18), (LeadSource.Dubizzle, 6), (LeadSource.Website, 10),
            (LeadSource.Referral, 8), (LeadSource.WalkIn, 2), (LeadSource.Call, 8), (LeadSource.WhatsApp, 8),
            (LeadSource.Email, 3), (LeadSource.SocialMedia, 5), (LeadSource.Other, 2)]);
    }

    private string? SourceDetail(LeadSource source, ListingInfo? enquiry, CommunityPlace community) => source switch
    {
        LeadSource.PropertyFinder or LeadSource.Bayut or LeadSource.Dubizzle or LeadSource.Website => enquiry?.Listing.Reference,
        LeadSource.SocialMedia => $"{(Chance(0.6) ? "Instagram" : "Facebook")} lead form: {community.Data.Name}",
        LeadSource.Referral => $"Referred by {NewPerson().FirstName} (past client)",
        LeadSource.Salesforce => "Propertybase import",
        LeadSource.Call => "Office line",
        _ => null,
    };

    private string[] DrawTags(Purpose purpose)
    {
        var tags = new List<string>();
        for (var i = Pick3(0.35, 0.35, 0, 1, Next(2, 3)); i > 0; i--)
        {
            var tag = Chance(0.7) ? Pick(purpose == Purpose.Sale ? SaleTags : RentTags) : Pick(CommonTags);
            if (!tags.Contains(tag))
            {
                tags.Add(tag);
            }
        }

        return tags.ToArray();
    }

    private static Purpose Other(Purpose purpose) => purpose == Purpose.Sale ? Purpose.Rent : Purpose.Sale;

    /// <summary>A listing of the community that was on the portals when the enquiry came in.</summary>
    private ListingInfo? FindEnquiry(CommunityPlace community, DateTimeOffset at)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            if (!_publishedListings.TryGetValue((community, Chance(0.55) ? Purpose.Sale : Purpose.Rent), out var listings) || listings.Count == 0)
            {
                continue;
            }

            var candidate = Pick(listings);
            if (WasAdvertised(candidate.Listing, at))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool WasAdvertised(Listing listing, DateTimeOffset at) =>
        listing.PublishedAt <= at && (listing.Status is ListingStatus.Live or ListingStatus.UnderOffer || listing.StatusChangedAt > at);

    private Requirement AddRequirement(DemoBatch batch, Applicant applicant, CommunityPlace community, Purpose purpose, ListingInfo? enquiry, DateTimeOffset at)
    {
        var target = enquiry?.Target ?? Pick(community.Residential);
        var type = enquiry?.Listing.PropertyType ?? target.Types.Pick(_random);
        var typeData = _propertyTypes[type];
        var bedrooms = enquiry?.Listing.Bedrooms ?? PickBand(typeData).Bedrooms;
        var band = typeData.Sizes.FirstOrDefault(s => s.Bedrooms == bedrooms) ?? PickBand(typeData);
        var estimate = EstimatePrice(target, type, band, purpose);
        var budgetMax = RoundBudget(estimate * (decimal)Uniform(0.9, 1.3), purpose);
        var locations = _random.NextDouble() switch
        {
            < 0.55 => [community.Location.Id],
            < 0.8 => [(target.SubCommunity ?? community.Location).Id],
            _ => community.Team.Communities.Where(c => c != community).OrderBy(_ => _random.Next()).Take(Next(1, 2))
                .Select(c => c.Location.Id).Prepend(community.Location.Id).ToArray(),
        };
        string[] types = type switch
        {
            "villa" when Chance(0.25) => ["villa", "townhouse"],
            "townhouse" when Chance(0.3) => ["townhouse", "villa"],
            "hotel-apartment" => ["hotel-apartment", "apartment"],
            "apartment" when bedrooms >= 3 && Chance(0.2) => ["apartment", "penthouse", "duplex"],
            _ => [type],
        };
        var requirement = new Requirement
        {
            Id = NewId(at),
            ApplicantId = applicant.Id,
            Purpose = purpose,
            Category = CategoryOf(type),
            PropertyTypes = types,
            LocationIds = locations,
            BedroomsMin = bedrooms,
            BedroomsMax = bedrooms is { } b && Chance(0.4) ? (short)(b + 1) : bedrooms,
            BathroomsMin = Chance(0.1) ? BathroomsFor(type, bedrooms) : null,
            BudgetMax = budgetMax,
            BudgetMin = Chance(0.5) ? RoundBudget(budgetMax / 100m * (decimal)Uniform(0.55, 0.8), purpose) : null,
            SizeMinSqft = Chance(0.3) ? RoundSize(band.Min * (decimal)target.SizeFactor) : null,
            SizeMaxSqft = Chance(0.08) ? RoundSize(band.Max * (decimal)target.SizeFactor) : null,
            MoveInBy = purpose == Purpose.Rent
                ? Chance(0.6) ? DubaiDate(at).AddDays(Next(15, 90)) : null
                : Chance(0.15) ? DubaiDate(at).AddDays(Next(60, 240)) : null,
            Furnishing = purpose == Purpose.Rent && Chance(0.4) ? (Chance(0.5) ? Furnishing.Furnished : Furnishing.Unfurnished) : null,
            CompletionStatus = purpose == Purpose.Sale
                ? community.Data.OffPlanShare > 0.15 && Chance(0.25) ? CompletionStatus.OffPlan : Chance(0.1) ? CompletionStatus.Completed : null
                : null,
            Notes = Chance(0.15) ? Pick(DemoText.Notes) : null,
            CreatedAt = at,
            UpdatedAt = at,
        };
        batch.Requirements.Add(requirement);
        return requirement;
    }

    private static decimal EstimatePrice(PlaceTarget target, string type, SizeBand band, Purpose purpose)
    {
        var range = purpose == Purpose.Sale ? target.SalePerSqft : target.RentPerSqft;
        var perSqft = (range[0] + range[1]) / 2 * TypeFactor(type) * BedroomFactor(type, band.Bedrooms);
        return (band.Min + band.Max) / 2 * (decimal)target.SizeFactor * perSqft;
    }

    /// <summary>A budget as people state it, in fils: AED 1.25M, AED 95k.</summary>
    private static long RoundBudget(decimal aed, Purpose purpose) =>
        RoundTo(aed, purpose == Purpose.Rent ? 5_000 : aed < 2_000_000 ? 50_000 : 250_000) * 100;

    /// <summary>Listings the applicant could have viewed at <paramref name="at"/>: advertised then, of their purpose and area.</summary>
    private ListingInfo? PickViewingListing(Requirement requirement, CommunityPlace community, DateTimeOffset at, bool upcoming)
    {
        for (var attempt = 0; attempt < 14; attempt++)
        {
            var place = attempt < 10 || community.Team.Communities.Count == 1 ? community : Pick(community.Team.Communities);
            if (!_publishedListings.TryGetValue((place, requirement.Purpose), out var listings) || listings.Count == 0)
            {
                continue;
            }

            var candidate = Pick(listings);
            var listing = candidate.Listing;
            var ok = upcoming
                ? listing.Status is ListingStatus.Live or ListingStatus.UnderOffer
                : WasAdvertised(listing, at.AddDays(-1));
            if (ok && (attempt >= 6 || requirement.PropertyTypes.Contains(listing.PropertyType)))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>A sold, rented or under-offer listing not yet taken by another applicant, closed in the window.</summary>
    private ListingInfo? ClaimListing(List<ListingInfo> pool, CommunityPlace community, DateTimeOffset after, DateTimeOffset before)
    {
        ListingInfo? fallback = null;
        for (var attempt = 0; attempt < 40 && pool.Count > 0; attempt++)
        {
            var candidate = Pick(pool);
            var at = candidate.Listing.StatusChangedAt;
            if (candidate.Claimed || at <= after || at >= before)
            {
                continue;
            }

            if (candidate.Target.Community == community || candidate.Target.Community.Team == community.Team)
            {
                fallback = candidate;
                break;
            }

            fallback ??= candidate;
        }

        if (fallback is not null)
        {
            fallback.Claimed = true;
            pool.Remove(fallback);
        }

        return fallback;
    }

    private bool TryBook(StaffMember agent, DateTimeOffset start, int minutes)
    {
        var origin = _now.AddDays(-1200);
        var first = (long)((start - origin).TotalMinutes / 15);
        var quarters = (minutes + 14) / 15;
        for (var q = first; q < first + quarters; q++)
        {
            if (_busy.Contains(((long)agent.Index << 32) | q))
            {
                return false;
            }
        }

        for (var q = first; q < first + quarters; q++)
        {
            _busy.Add(((long)agent.Index << 32) | q);
        }

        return true;
    }

    /// <summary>
    /// The first free slot for the agent at or after <paramref name="desired"/>, in viewing hours (09:30–20:30 Dubai,
    /// on the half hour), before <paramref name="notAfter"/>; null when the agent is fully booked.
    /// </summary>
    private DateTimeOffset? FindSlot(StaffMember agent, DateTimeOffset desired, int minutes, DateTimeOffset notAfter)
    {
        var candidate = ViewingHours(RoundUp30(desired));
        for (var attempt = 0; attempt < 12; attempt++)
        {
            if (candidate.AddMinutes(minutes) > notAfter)
            {
                return null;
            }

            if (TryBook(agent, candidate, minutes))
            {
                return candidate;
            }

            candidate = ViewingHours(candidate.AddMinutes(attempt % 2 == 0 ? 60 : 90));
        }

        return null;
    }

    /// <summary>The half hour at or after <paramref name="at"/> within office hours (09:00–19:00 Dubai).</summary>
    private static DateTimeOffset WorkingHours(DateTimeOffset at)
    {
        var rounded = RoundUp30(at);
        var local = rounded + DubaiOffset;
        var day = DateOnly.FromDateTime(local.UtcDateTime);
        return local.TimeOfDay switch
        {
            var t when t < TimeSpan.FromHours(9) => DubaiTime(day, 9, 0),
            var t when t > TimeSpan.FromHours(19) => DubaiTime(day.AddDays(1), 9, 30),
            _ => rounded,
        };
    }

    private static DateTimeOffset ViewingHours(DateTimeOffset at)
    {
        var local = at + DubaiOffset;
        var day = DateOnly.FromDateTime(local.UtcDateTime);
        return local.TimeOfDay switch
        {
            var t when t < TimeSpan.FromHours(9.5) => DubaiTime(day, 9, 30),
            var t when t > TimeSpan.FromHours(20.5) => DubaiTime(day.AddDays(1), 10, 0),
            _ => at,
        };
    }

    private static string PortalName(LeadSource source) => source switch
    {
        LeadSource.PropertyFinder => "Property Finder",
        LeadSource.Bayut => "Bayut",
        LeadSource.Dubizzle => "dubizzle",
        LeadSource.Website => "allsop.example",
        _ => source.ToString(),
    };

    private string LostReasonFor(ApplicantStage lostFrom, Purpose purpose)
    {
        var elsewhere = purpose == Purpose.Sale ? "bought-elsewhere" : "rented-elsewhere";
        (string, double)[] weights = lostFrom switch
        {
            ApplicantStage.New => [("not-responding", 50), ("invalid-contact", 25), ("not-genuine", 25)],
            ApplicantStage.Contacted => [("not-responding", 40), ("budget-too-low", 20), ("changed-plans", 15), ("went-with-another-agency", 10), ("left-the-uae", 5), ("invalid-contact", 10)],
            ApplicantStage.Qualified => [("budget-too-low", 25), (elsewhere, 25), ("went-with-another-agency", 20), ("changed-plans", 15), ("not-responding", 15)],
            ApplicantStage.Viewing => [(elsewhere, 40), ("went-with-another-agency", 25), ("changed-plans", 15), ("budget-too-low", 10), ("not-responding", 10)],
            _ => [(purpose == Purpose.Sale ? "financing-refused" : "changed-plans", 30), (elsewhere, 40), ("changed-plans", 30)],
        };
        return new WeightedPicker<string>(weights).Pick(_random);
    }

    private string CallSid() => Hex(32);

    private string WhatsAppId() => "wamid." + Hex(40).ToUpperInvariant();

    private string EmailId() => "<" + Hex(24) + "@mail.gmail.com>";

    private string CalendarEventId()
    {
        const string alphabet = "0123456789abcdefghijklmnopqrstuv";
        Span<char> id = stackalloc char[26];
        for (var i = 0; i < id.Length; i++)
        {
            id[i] = alphabet[_random.Next(alphabet.Length)];
        }

        return new string(id);
    }

    private static string Format(string template, params object[] values) => string.Format(CultureInfo.InvariantCulture, template, values);
}
