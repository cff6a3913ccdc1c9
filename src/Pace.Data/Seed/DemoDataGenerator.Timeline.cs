using System.Globalization;
using Pace.Activities;
using Pace.Applicants;
using Pace.Deals;
using Pace.Listings;
using Pace.Viewings;

namespace Pace.Data.Seed;

internal sealed partial class DemoDataGenerator
{
    /// <summary>
    /// One applicant's story from enquiry to where they are now: assignment, first contact, qualification, viewings,
    /// offers and the deal or the reason they were lost, with calls, messages, notes and tasks around it.
    /// </summary>
    private sealed class Timeline(
        DemoDataGenerator g,
        DemoBatch batch,
        Applicant applicant,
        Person person,
        StaffMember? agent,
        Requirement requirement,
        CommunityPlace community,
        ListingInfo? enquiry,
        ApplicantStage plannedStage,
        ApplicantScript? script)
    {
        private readonly Dictionary<ApplicantStage, DateTimeOffset> _times = [];
        private DateTimeOffset _lastActivity = applicant.CreatedAt;

        private DateTimeOffset Now => g._now;

        private Guid? AgentId => agent?.User.Id;

        public void Build()
        {
            var created = applicant.CreatedAt;
            Inbound(created);
            if (agent is null)
            {
                Finish(ApplicantStage.New, created, null, null);
                return;
            }

            var assigned = Min(created.AddMinutes(g.Uniform(1, 25)), Now);
            applicant.AssignedAt = assigned;
            Add(g.NewActivity(ActivityKind.Assignment, assigned, applicant.Id, subject: "Assigned", body: $"Assigned to {agent.User.DisplayName}.",
                data: Data(new { agentId = agent.User.Id, rule = g.Chance(0.8) ? "round_robin" : "manual" })));

            if (plannedStage == ApplicantStage.New)
            {
                OpenTask(Format("Call {0} (new lead)", person.FirstName), assigned, RoundUp30(assigned.AddMinutes(30)));
                Finish(ApplicantStage.New, created, null, null);
                return;
            }

            var stage = plannedStage;
            var lostFrom = stage == ApplicantStage.Lost ? DrawLostFrom() : ApplicantStage.New;
            var contact = assigned.AddMinutes(g.Chance(0.8) ? g.Uniform(3, 90) : g.Uniform(120, 1800));
            contact = Max(Min(contact, Now.AddMinutes(-5)), assigned.AddMinutes(1));
            contact = Min(contact, Now);

            ListingInfo? dealListing = null;
            ListingInfo? underOffer = null;
            var end = Now;
            if (stage == ApplicantStage.Won)
            {
                dealListing = g.ClaimListing(g._closedListings[requirement.Purpose], community, contact.AddDays(10), Now);
                if (dealListing is null)
                {
                    stage = ApplicantStage.Viewing; // nothing of ours closed in time: still looking
                }
                else
                {
                    end = dealListing.Listing.StatusChangedAt;
                }
            }

            if (stage == ApplicantStage.Offer && g.Chance(0.5))
            {
                underOffer = g.ClaimListing(g._underOfferListings[requirement.Purpose], community, contact.AddDays(5), Now.AddHours(-1));
            }

            var top = stage == ApplicantStage.Lost ? lostFrom : stage;
            var path = Progression.Where(s => s <= top).ToList();
            if (stage == ApplicantStage.Lost)
            {
                var lower = Max(Min(contact.AddDays(path.Count + 1), Now.AddMinutes(-30)), contact.AddMinutes(10));
                end = Min(g.Between(lower, Now.AddMinutes(-10)), Now);
                path.Add(ApplicantStage.Lost);
                _times[ApplicantStage.Lost] = end;
            }

            if (path.Contains(ApplicantStage.Contacted))
            {
                _times[ApplicantStage.Contacted] = contact;
            }

            if (dealListing is not null)
            {
                _times[ApplicantStage.Won] = end;
                var lead = requirement.Purpose == Purpose.Sale ? g.Uniform(15, 45) : g.Uniform(3, 14);
                _times[ApplicantStage.Offer] = Max(end.AddDays(-lead), contact + (end - contact) / 2);
            }

            if (underOffer is not null)
            {
                _times[ApplicantStage.Offer] = underOffer.Listing.StatusChangedAt;
            }

            if (script is not null)
            {
                _times[ApplicantStage.Viewing] = g.Between(Min(contact.AddDays(1), Now.AddDays(-2)), Now.AddDays(-2));
            }

            FillTimes(path, contact, stage is ApplicantStage.Won or ApplicantStage.Lost ? end : Now.AddMinutes(-10));

            if (lostFrom == ApplicantStage.New && stage == ApplicantStage.Lost)
            {
                Unreachable(contact, end);
            }
            else
            {
                FirstContact(contact);
            }

            string? lostReason = null;
            var previous = ApplicantStage.New;
            var active = stage is not (ApplicantStage.Won or ApplicantStage.Lost);
            ListingInfo? viewed = null;
            foreach (var step in path)
            {
                var at = _times[step];
                if (step == ApplicantStage.Lost)
                {
                    lostReason = _lostReason ?? g.LostReasonFor(lostFrom, requirement.Purpose);
                }

                StageChange(previous, step, at.AddSeconds(1), lostReason, lostReason is null ? null : DemoText.LostNote(lostReason));

                switch (step)
                {
                    case ApplicantStage.Qualified:
                        Qualify(at);
                        break;
                    case ApplicantStage.Viewing:
                        var until = NextTime(path, step) ?? Now;
                        var viewingActive = active && stage == ApplicantStage.Viewing;
                        viewed = Viewings(at, until, viewingActive, active && stage is ApplicantStage.Viewing or ApplicantStage.Offer, dealListing ?? underOffer);
                        break;
                    case ApplicantStage.Offer:
                        MakeOffer(at, dealListing ?? underOffer ?? viewed, claimed: (dealListing ?? underOffer) is not null, stage, NextTime(path, step) ?? Now);
                        break;
                    case ApplicantStage.Won:
                        Close(at, dealListing!);
                        break;
                    default:
                        break;
                }

                previous = step;
            }

            var reached = lostFrom != ApplicantStage.New || stage != ApplicantStage.Lost;
            Fillers(contact, reached ? stage : ApplicantStage.New, lostReason is "not-responding" or "invalid-contact", stage is ApplicantStage.Won or ApplicantStage.Lost ? Min(end.AddDays(2), Now) : Now);
            Tasks(contact, stage, active, stage is ApplicantStage.Won or ApplicantStage.Lost ? end : Now);
            var stageAt = (stage == ApplicantStage.Lost ? end : _times.GetValueOrDefault(stage, created)).AddSeconds(1);
            Finish(stage, stageAt, lostReason, lostFrom == ApplicantStage.New && stage == ApplicantStage.Lost ? null : contact);
        }

        private string? _lostReason;

        private ApplicantStage DrawLostFrom()
        {
            var days = (Now - applicant.CreatedAt).TotalDays;
            (ApplicantStage, double)[] weights = days < 3
                ? [(ApplicantStage.New, 60), (ApplicantStage.Contacted, 40)]
                : [(ApplicantStage.New, 15), (ApplicantStage.Contacted, 35), (ApplicantStage.Qualified, 25), (ApplicantStage.Viewing, 18), (ApplicantStage.Offer, 7)];
            return new WeightedPicker<ApplicantStage>(weights).Pick(g._random);
        }

        /// <summary>Times for the stages between the anchored ones, in order, each a fraction of the way to the next.</summary>
        private void FillTimes(List<ApplicantStage> path, DateTimeOffset start, DateTimeOffset limit)
        {
            var previous = start;
            for (var i = 0; i < path.Count; i++)
            {
                if (_times.TryGetValue(path[i], out var known))
                {
                    previous = Max(previous, known);
                    _times[path[i]] = previous;
                    continue;
                }

                var j = i + 1;
                while (j < path.Count && !_times.ContainsKey(path[j]))
                {
                    j++;
                }

                var upper = j < path.Count ? _times[path[j]] : limit;
                if (upper < previous)
                {
                    upper = previous;
                }

                var share = g.Uniform(0.3, 0.9) / (j - i);
                previous = previous.AddSeconds(Math.Floor((upper - previous).TotalSeconds * share));
                _times[path[i]] = previous;
            }
        }

        private DateTimeOffset? NextTime(List<ApplicantStage> path, ApplicantStage step)
        {
            var index = path.IndexOf(step);
            return index + 1 < path.Count ? _times[path[index + 1]] : null;
        }

        private void Inbound(DateTimeOffset at)
        {
            var listingId = enquiry?.Listing.Id;
            var reference = enquiry?.Listing.Reference;
            var message = g.Pick(DemoText.EnquiryMessages);
            switch (applicant.Source)
            {
                case LeadSource.PropertyFinder or LeadSource.Bayut or LeadSource.Dubizzle or LeadSource.Website or LeadSource.Email:
                    var portal = PortalName(applicant.Source);
                    var email = g.NewActivity(ActivityKind.Email, at, applicant.Id, listingId: listingId, direction: Direction.Inbound,
                        subject: reference is null ? $"New enquiry from {portal}" : $"New enquiry from {portal} for {reference}", body: message,
                        data: Data(new { channel = portal }));
                    email.ExternalId = g.EmailId();
                    Add(email);
                    break;
                case LeadSource.WhatsApp:
                    var whatsApp = g.NewActivity(ActivityKind.WhatsApp, at, applicant.Id, direction: Direction.Inbound, body: message, data: Data(new { status = "received" }));
                    whatsApp.ExternalId = g.WhatsAppId();
                    Add(whatsApp);
                    break;
                case LeadSource.Call:
                    var call = g.NewActivity(ActivityKind.Call, at, applicant.Id, AgentId, direction: Direction.Inbound, subject: "Inbound call",
                        body: "Called the office line about properties in " + community.Data.Name + ".",
                        data: Data(new { durationSeconds = g.Next(60, 420), outcome = "answered" }));
                    call.ExternalId = g.CallSid();
                    Add(call);
                    break;
                case LeadSource.WalkIn:
                    Add(g.NewActivity(ActivityKind.Note, at, applicant.Id, AgentId, body: "Walked into the office asking about " + community.Data.Name + "."));
                    break;
                case LeadSource.Referral:
                    Add(g.NewActivity(ActivityKind.Note, at, applicant.Id, AgentId, body: applicant.SourceDetail + "."));
                    break;
                case LeadSource.Salesforce:
                    Add(g.NewActivity(ActivityKind.System, at, applicant.Id, subject: "Imported", body: "Imported from Propertybase.", data: Data(new { externalId = applicant.ExternalId })));
                    break;
                default:
                    Add(g.NewActivity(ActivityKind.System, at, applicant.Id, subject: "Lead received", body: applicant.SourceDetail ?? "New lead."));
                    break;
            }
        }

        private void FirstContact(DateTimeOffset at)
        {
            if (g.Chance(0.7))
            {
                Add(Call(at, Direction.Outbound, g.Next(60, 600), "answered", g.Pick(DemoText.CallSummaries)));
            }
            else
            {
                Add(Call(at, Direction.Outbound, 0, "no_answer", "No answer."));
                Add(WhatsApp(Min(at.AddMinutes(g.Uniform(2, 10)), Now), Direction.Outbound));
                if (g.Chance(0.5))
                {
                    Add(WhatsApp(Min(at.AddMinutes(g.Uniform(20, 360)), Now), Direction.Inbound));
                }
            }
        }

        /// <summary>Calls and messages nobody answers, then the lead is closed as not responding.</summary>
        private void Unreachable(DateTimeOffset from, DateTimeOffset until)
        {
            var attempts = g.Next(2, 3);
            for (var i = 0; i < attempts; i++)
            {
                var at = i == 0 ? from : g.Between(from, until);
                Add(Call(at, Direction.Outbound, 0, "no_answer", "No answer."));
                if (g.Chance(0.4))
                {
                    Add(WhatsApp(Min(at.AddMinutes(g.Uniform(2, 15)), until), Direction.Outbound));
                }
            }

            _lostReason = g.Pick(UnreachableReasons);
        }

        private void StageChange(ApplicantStage from, ApplicantStage to, DateTimeOffset at, string? reason, string? body)
        {
            // The same entry the API writes, with the generator's deterministic id.
            var entry = TimelineEntries.StageChange(applicant.Id, from, to, AgentId, at, reason, body);
            Add(g.NewActivity(ActivityKind.StageChange, at, applicant.Id, AgentId, subject: entry.Subject, body: body, data: entry.Data));
        }

        private void Qualify(DateTimeOffset at)
        {
            if (g.Chance(0.5))
            {
                Add(Call(Max(at.AddMinutes(-g.Uniform(5, 30)), applicant.CreatedAt), Direction.Outbound, g.Next(180, 900), "answered", g.Pick(DemoText.CallSummaries)));
            }

            var beds = requirement.BedroomsMin switch { null => "", 0 => "studio ", var b => string.Create(CultureInfo.InvariantCulture, $"{b}BR ") };
            var what = requirement.Purpose == Purpose.Sale ? "buy" : "rent";
            var budget = requirement.BudgetMax is { } max ? $", budget up to {Aed(max)}{(requirement.Purpose == Purpose.Rent ? " a year" : "")}" : "";
            Add(g.NewActivity(ActivityKind.Note, at, applicant.Id, AgentId, subject: "Qualified",
                body: $"Qualified: wants to {what} a {beds}{string.Join("/", requirement.PropertyTypes)} in {community.Data.Name}{budget}."));
            if (g.Chance(0.45))
            {
                var shortlist = g.PickViewingListing(requirement, community, at, upcoming: false);
                var email = g.NewActivity(ActivityKind.Email, Min(at.AddHours(g.Uniform(1, 6)), Now), applicant.Id, AgentId, shortlist?.Listing.Id,
                    Direction.Outbound, g.Pick(DemoText.EmailSubjects),
                    $"Dear {person.FirstName},\n\nAs discussed, please find a selection of properties in {community.Data.Name} that match your brief"
                    + (shortlist is null ? "." : $", including {shortlist.Listing.Reference}.") + $"\n\nKind regards,\n{agent!.User.DisplayName}",
                    Data(new { status = "delivered" }));
                email.ExternalId = g.EmailId();
                Add(email);
            }
        }

        /// <summary>Past viewings in the window and, for an applicant still looking, one coming up.</summary>
        private ListingInfo? Viewings(DateTimeOffset from, DateTimeOffset until, bool stillViewing, bool mayBookMore, ListingInfo? finalListing)
        {
            ListingInfo? lastCompleted = null;
            var past = new List<DateTimeOffset>();
            if (script is not null)
            {
                if (script.PastViewing is { } done)
                {
                    past.Add(done);
                }
            }
            else if (until - from > TimeSpan.FromHours(5))
            {
                var count = finalListing is not null || !stillViewing ? g.Pick3(0.5, 0.35, 1, 2, 3) : g.Next(0, 1);
                for (var i = 0; i < count; i++)
                {
                    past.Add(g.Between(from.AddHours(3), until.AddHours(-1)));
                }

                past.Sort();
            }

            for (var i = 0; i < past.Count; i++)
            {
                var last = i == past.Count - 1;
                var listing = last && finalListing is not null ? finalListing : g.PickViewingListing(requirement, community, past[i], upcoming: false);
                if (listing is null)
                {
                    continue;
                }

                var minutes = g.Pick(ViewingMinutes);
                var notAfter = Min(Min(until, Now), past[i].AddDays(3));
                DateTimeOffset? start = script is not null && g.TryBook(agent!, past[i], minutes) ? past[i] : g.FindSlot(agent!, past[i], minutes, notAfter);
                if (start is not { } slot)
                {
                    continue;
                }

                var status = last && finalListing is not null || script is not null
                    ? ViewingStatus.Completed
                    : g.Pick3(0.78, 0.12, ViewingStatus.Completed, ViewingStatus.Cancelled, ViewingStatus.NoShow);
                AddViewing(listing, slot, minutes, status, from, liked: last && finalListing is not null);
                if (status == ViewingStatus.Completed)
                {
                    lastCompleted = listing;
                }
            }

            var upcoming = script?.UpcomingViewing;
            if (mayBookMore && (upcoming is not null || (script is null && (past.Count == 0 || g.Chance(0.35)))))
            {
                var desired = upcoming ?? g.Between(Now.AddHours(1), Now.AddDays(10));
                var listing = g.PickViewingListing(requirement, community, Now, upcoming: true);
                var minutes = script is null ? g.Pick(UpcomingViewingMinutes) : 45;
                if (listing is not null)
                {
                    DateTimeOffset? start = upcoming is not null && g.TryBook(agent!, desired, minutes) ? desired : g.FindSlot(agent!, desired, minutes, Now.AddDays(11));
                    if (start is { } slot)
                    {
                        var confirmed = slot - Now < TimeSpan.FromDays(1) ? g.Chance(0.7) : g.Chance(0.35);
                        AddViewing(listing, slot, minutes, confirmed ? ViewingStatus.Confirmed : ViewingStatus.Scheduled, from, liked: false);
                    }
                }
            }

            return lastCompleted;
        }

        private void AddViewing(ListingInfo info, DateTimeOffset start, int minutes, ViewingStatus status, DateTimeOffset stageAt, bool liked)
        {
            var listing = info.Listing;
            var end = start.AddMinutes(minutes);
            var booked = Min(Max(Max(stageAt, applicant.CreatedAt), start.AddDays(-g.Uniform(1, 4))), Min(start.AddHours(-1), Now));
            booked = Max(booked, applicant.CreatedAt);
            var createdBy = g.Chance(0.1) && agent!.Manager is { } manager ? manager : agent!;
            short? rating = status != ViewingStatus.Completed ? null : liked ? (short)g.Next(4, 5) : (short)g.Pick(Ratings);
            var updated = status switch
            {
                ViewingStatus.Completed => Min(end.AddHours(g.Uniform(0.5, 20)), Now),
                ViewingStatus.Cancelled => g.Between(booked, start),
                ViewingStatus.NoShow => Min(start.AddMinutes(40), Now),
                ViewingStatus.Confirmed => g.Between(booked, Min(start, Now)),
                _ => booked,
            };
            var viewing = new Viewing
            {
                Id = g.NewId(booked),
                ListingId = listing.Id,
                ApplicantId = applicant.Id,
                AgentId = agent!.User.Id,
                StartsAt = start,
                EndsAt = end,
                Status = status,
                Rating = rating,
                Feedback = rating is { } r ? DemoText.Feedback(r) : null,
                CancelReason = status == ViewingStatus.Cancelled ? g.Pick(DemoText.CancelReasons) : null,
                CalendarEventId = g.Chance(0.7) ? g.CalendarEventId() : null,
                CreatedById = createdBy.User.Id,
                CreatedAt = booked,
                UpdatedAt = updated,
            };
            batch.Viewings.Add(viewing);

            var when = (start + DubaiOffset).ToString("ddd d MMM, h:mm tt", CultureInfo.InvariantCulture);
            var place = info.Target.Location.Name;
            var bookedActivity = g.NewActivity(ActivityKind.Viewing, booked, applicant.Id, createdBy.User.Id, listing.Id,
                subject: $"Viewing booked: {listing.Reference}", body: $"{when} at {place}.",
                data: Data(new { status = "scheduled", startsAt = start }));
            bookedActivity.ViewingId = viewing.Id;
            Add(bookedActivity);

            var reminder = start.AddHours(-g.Uniform(3, 20));
            if (g.Chance(0.3) && reminder > booked && reminder <= Now)
            {
                Add(WhatsApp(reminder, Direction.Outbound, Format("Hi {0}, confirming our viewing of {1} on {2}. I'll meet you in the lobby.", person.FirstName, place, when)));
            }

            if (status is ViewingStatus.Scheduled or ViewingStatus.Confirmed)
            {
                return;
            }

            var (subject, body, at) = status switch
            {
                ViewingStatus.Completed => ("Viewing completed", viewing.Feedback!, updated),
                ViewingStatus.Cancelled => ("Viewing cancelled", viewing.CancelReason!, updated),
                _ => ("No show", "The client did not turn up and did not answer the phone.", updated),
            };
            var outcome = g.NewActivity(ActivityKind.Viewing, Min(at, Now), applicant.Id, AgentId, listing.Id, subject: $"{subject}: {listing.Reference}", body: body,
                data: rating is { } value ? Data(new { status = StatusCode(status), rating = value }) : Data(new { status = StatusCode(status) }));
            outcome.ViewingId = viewing.Id;
            Add(outcome);
        }

        private static string StatusCode(ViewingStatus status) => Common.ModelConventions.ToSnakeCase(status.ToString());

        // claimed: this applicant claimed the listing (its deal is theirs). A viewed listing may have been claimed by
        // someone else: an offer on it is then not the accepted one, as a listing has one deal in progress at most.
        private void MakeOffer(DateTimeOffset at, ListingInfo? info, bool claimed, ApplicantStage stage, DateTimeOffset until)
        {
            info ??= g.PickViewingListing(requirement, community, at, upcoming: false);
            if (info is null)
            {
                return;
            }

            var listing = info.Listing;
            var sale = listing.Purpose == Purpose.Sale;
            var amount = RoundTo(listing.PriceMinor / 100m * (decimal)(sale ? g.Uniform(0.9, 0.98) : g.Uniform(0.93, 1)), sale ? 5_000 : 1_000) * 100;
            var fallsThrough = stage == ApplicantStage.Lost && g.Chance(0.25);
            var status = stage switch
            {
                ApplicantStage.Won => OfferStatus.Accepted,
                ApplicantStage.Offer when claimed => OfferStatus.Accepted,
                ApplicantStage.Offer => g.Chance(0.55) ? OfferStatus.Submitted : OfferStatus.Countered,
                _ when fallsThrough => OfferStatus.Accepted,
                _ => g.Chance(0.6) ? OfferStatus.Rejected : OfferStatus.Withdrawn,
            };
            DateTimeOffset? decided = status is OfferStatus.Accepted or OfferStatus.Rejected or OfferStatus.Withdrawn
                ? Min(Min(at.AddHours(g.Uniform(2, 72)), until), Now)
                : null;
            if (claimed && stage == ApplicantStage.Offer)
            {
                decided = at; // the listing went under offer when the owner accepted
            }

            var offer = new Offer
            {
                Id = g.NewId(at),
                ListingId = listing.Id,
                ApplicantId = applicant.Id,
                AgentId = agent!.User.Id,
                AmountMinor = amount,
                Status = status,
                Conditions = g.Chance(0.6) ? g.Pick(DemoText.OfferConditions) : null,
                ExpiresAt = at.AddDays(g.Next(3, 7)),
                DecidedAt = decided,
                CreatedAt = at,
                UpdatedAt = decided ?? at,
            };
            batch.Offers.Add(offer);
            var submitted = g.NewActivity(ActivityKind.Offer, at, applicant.Id, AgentId, listing.Id, subject: $"Offer submitted: {listing.Reference}",
                body: $"Offer of {Aed(amount)} on {listing.Reference}" + (offer.Conditions is null ? "." : $" ({offer.Conditions.ToLowerInvariant()})."),
                data: Data(new { amountMinor = amount, currency = "AED", status = "submitted" }));
            submitted.OfferId = offer.Id;
            Add(submitted);

            if (status == OfferStatus.Countered)
            {
                var counter = RoundTo(listing.PriceMinor / 100m * (decimal)g.Uniform(0.97, 1), sale ? 5_000 : 1_000) * 100;
                var counterAt = Min(at.AddHours(g.Uniform(4, 40)), Now);
                offer.UpdatedAt = counterAt;
                var activity = g.NewActivity(ActivityKind.Offer, counterAt, applicant.Id, AgentId, listing.Id, subject: $"Owner countered: {listing.Reference}",
                    body: $"The owner countered at {Aed(counter)}.", data: Data(new { amountMinor = counter, currency = "AED", status = "countered" }));
                activity.OfferId = offer.Id;
                Add(activity);
            }

            if (decided is { } decidedAt)
            {
                var code = Common.ModelConventions.ToSnakeCase(status.ToString());
                var activity = g.NewActivity(ActivityKind.Offer, decidedAt, applicant.Id, AgentId, listing.Id, subject: $"Offer {code}: {listing.Reference}",
                    body: status == OfferStatus.Accepted ? $"The owner accepted {Aed(amount)}." : $"Offer of {Aed(amount)} {code}.",
                    data: Data(new { amountMinor = amount, currency = "AED", status = code }));
                activity.OfferId = offer.Id;
                Add(activity);
            }

            if (status != OfferStatus.Accepted)
            {
                return;
            }

            var annual = listing.RentFrequency == RentFrequency.Monthly ? amount * 12 : amount;
            var deal = new Deal
            {
                Id = g.NewId(decided!.Value),
                OfferId = offer.Id,
                ListingId = listing.Id,
                ApplicantId = applicant.Id,
                AgentId = agent.User.Id,
                PriceMinor = amount,
                CommissionMinor = sale ? annual * 2 / 100 : annual * 5 / 100,
                Status = stage switch { ApplicantStage.Won => DealStatus.Completed, ApplicantStage.Lost => DealStatus.FallenThrough, _ => DealStatus.InProgress },
                ExpectedCloseOn = DubaiDate(decided.Value).AddDays(sale ? g.Next(20, 60) : g.Next(7, 21)),
                CreatedAt = decided.Value,
                UpdatedAt = decided.Value,
            };
            batch.Deals.Add(deal);
            var paperwork = Min(decided.Value.AddDays(g.Uniform(1, 4)), Min(until, Now));
            Add(g.NewActivity(ActivityKind.Note, paperwork, applicant.Id, AgentId, listing.Id,
                body: sale ? "MOU (Form F) signed by both parties; deposit cheque collected." : "Tenancy contract drafted; security deposit and first cheque collected."));
            if (fallsThrough)
            {
                _lostReason = sale ? "financing-refused" : "changed-plans";
                deal.UpdatedAt = _times[ApplicantStage.Lost];
            }
        }

        private void Close(DateTimeOffset at, ListingInfo info)
        {
            var deal = batch.Deals.LastOrDefault(d => d.ApplicantId == applicant.Id);
            if (deal is not null)
            {
                deal.ClosedAt = at;
                deal.UpdatedAt = at;
                deal.ExpectedCloseOn = DubaiDate(at);
            }

            var sale = info.Listing.Purpose == Purpose.Sale;
            Add(g.NewActivity(ActivityKind.Note, at, applicant.Id, AgentId, info.Listing.Id,
                body: sale ? "Transfer completed at the DLD trustee office; keys handed over." : "Ejari registered and keys handed over."));
        }

        private void Fillers(DateTimeOffset from, ApplicantStage stage, bool unanswered, DateTimeOffset until)
        {
            var count = stage switch
            {
                ApplicantStage.Contacted => g.Next(0, 1),
                ApplicantStage.Qualified => g.Next(0, 1),
                ApplicantStage.Viewing => g.Next(1, 2),
                ApplicantStage.Offer or ApplicantStage.Won => g.Next(1, 3),
                ApplicantStage.Lost => g.Next(0, 1),
                _ => 0,
            };
            for (var i = 0; i < count; i++)
            {
                var at = g.Between(from, until);
                if (unanswered)
                {
                    Add(g.Chance(0.5) ? Call(at, Direction.Outbound, 0, "no_answer", "No answer.") : WhatsApp(at, Direction.Outbound));
                    continue;
                }

                var x = g._random.NextDouble();
                Add(x switch
                {
                    < 0.33 => g.Chance(0.7)
                        ? Call(at, Direction.Outbound, g.Next(40, 720), "answered", g.Pick(DemoText.CallSummaries))
                        : Call(at, Direction.Outbound, 0, "no_answer", "No answer."),
                    < 0.53 => WhatsApp(at, Direction.Outbound),
                    < 0.68 => WhatsApp(at, Direction.Inbound),
                    < 0.78 => EmailOut(at),
                    < 0.97 => g.NewActivity(ActivityKind.Note, at, applicant.Id, AgentId, body: g.Pick(DemoText.Notes)),
                    _ => Sms(at),
                });
            }
        }

        private void Tasks(DateTimeOffset from, ApplicantStage stage, bool active, DateTimeOffset until)
        {
            if (_times.ContainsKey(ApplicantStage.Qualified))
            {
                for (var i = g.Pick3(0.6, 0.35, 0, 1, 2); i > 0; i--)
                {
                    var created = g.Between(from, Min(until, Now).AddDays(-3));
                    if (created <= from)
                    {
                        break;
                    }

                    var due = WorkingHours(created.AddHours(g.Uniform(2, 48)));
                    var task = NewTask(TaskSubject(), created, due);
                    task.CompletedAt = Min(Max(due.AddHours(-g.Uniform(-12, 20)), created.AddMinutes(10)), Now);
                    task.UpdatedAt = task.CompletedAt.Value;
                    Add(task);
                }
            }

            if (!active)
            {
                return;
            }

            if (script is not null)
            {
                OpenTask(TaskSubject(), g.Between(Max(from, script.TaskDue.AddDays(-5)), Min(script.TaskDue.AddHours(-1), Now)), script.TaskDue);
            }
            else if (g.Chance(0.5))
            {
                var due = g.Chance(0.2) ? WorkingHours(g.Between(Now.AddDays(-4), Now.AddHours(-1))) : WorkingHours(g.Between(Now.AddHours(1), Now.AddDays(10)));
                OpenTask(TaskSubject(), g.Between(Max(from, due.AddDays(-7)), Min(due.AddHours(-1), Now)), due);
            }
        }

        private string TaskSubject() => Format(g.Pick(DemoText.TaskSubjects), $"{person.FirstName} {person.LastName}");

        private void OpenTask(string subject, DateTimeOffset created, DateTimeOffset due)
        {
            created = Min(created, Now);
            Add(NewTask(subject, created, due > created ? due : WorkingHours(created.AddHours(1))));
        }

        private Activity NewTask(string subject, DateTimeOffset created, DateTimeOffset due)
        {
            var task = g.NewActivity(ActivityKind.Task, created, applicant.Id, AgentId, subject: subject, data: Data(new { priority = g.Chance(0.2) ? "high" : "normal" }));
            task.DueAt = due;
            return task;
        }

        private Activity Call(DateTimeOffset at, Direction direction, int seconds, string outcome, string body)
        {
            var call = g.NewActivity(ActivityKind.Call, at, applicant.Id, AgentId, direction: direction,
                subject: direction == Direction.Outbound ? "Outbound call" : "Inbound call", body: body,
                data: Data(new { durationSeconds = seconds, outcome }));
            call.ExternalId = g.CallSid();
            return call;
        }

        private Activity WhatsApp(DateTimeOffset at, Direction direction, string? text = null)
        {
            var body = text ?? (direction == Direction.Outbound
                ? Format(g.Pick(DemoText.WhatsAppOutbound), person.FirstName, agent?.FirstName ?? "Allsop")
                : g.Pick(DemoText.WhatsAppInbound));
            var message = g.NewActivity(ActivityKind.WhatsApp, at, applicant.Id, direction == Direction.Outbound ? AgentId : null, direction: direction, body: body,
                data: Data(new { status = direction == Direction.Outbound ? g.Pick(OutboundStatuses) : "received" }));
            message.ExternalId = g.WhatsAppId();
            return message;
        }

        private Activity EmailOut(DateTimeOffset at)
        {
            var email = g.NewActivity(ActivityKind.Email, at, applicant.Id, AgentId, direction: Direction.Outbound, subject: g.Pick(DemoText.EmailSubjects),
                body: $"Dear {person.FirstName},\n\nFollowing our conversation, here are the details we discussed.\n\nKind regards,\n{agent?.User.DisplayName}",
                data: Data(new { status = "delivered" }));
            email.ExternalId = g.EmailId();
            return email;
        }

        private Activity Sms(DateTimeOffset at) =>
            g.NewActivity(ActivityKind.Sms, at, applicant.Id, AgentId, direction: Direction.Outbound,
                body: Format("Hi {0}, {1} from Allsop & Allsop tried to reach you. Please call back when free.", person.FirstName, agent?.FirstName ?? "your agent"));

        private void Add(Activity activity)
        {
            if (activity.OccurredAt > Now)
            {
                activity.OccurredAt = Now;
            }

            activity.CreatedAt = activity.OccurredAt;
            activity.UpdatedAt = activity.CompletedAt ?? activity.OccurredAt;
            batch.Activities.Add(activity);
            _lastActivity = Max(_lastActivity, activity.OccurredAt);
        }

        private void Finish(ApplicantStage stage, DateTimeOffset stageAt, string? lostReason, DateTimeOffset? firstContact)
        {
            applicant.Stage = stage;
            applicant.StageChangedAt = Min(Max(stageAt, applicant.CreatedAt), Now);
            applicant.LostReason = lostReason;
            applicant.FirstContactedAt = firstContact;
            applicant.LastActivityAt = _lastActivity;
            applicant.UpdatedAt = Max(applicant.StageChangedAt, _lastActivity);
            requirement.IsActive = stage is not (ApplicantStage.Won or ApplicantStage.Lost);
            requirement.UpdatedAt = Max(requirement.CreatedAt, _times.GetValueOrDefault(ApplicantStage.Qualified, requirement.CreatedAt));
            if (!requirement.IsActive)
            {
                requirement.UpdatedAt = Max(requirement.UpdatedAt, applicant.StageChangedAt);
            }
        }
    }
}
