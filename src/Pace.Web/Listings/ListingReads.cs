using Microsoft.EntityFrameworkCore;
using Pace.Common;
using Pace.Data;
using Pace.Data.Identity;
using Pace.Identity;
using Pace.Listings;
using Pace.Locations;
using Pace.Web.Applicants;

namespace Pace.Web.Listings;

/// <summary>Listings, their locations and approvals as the API answers them, always through the visibility rules.</summary>
internal static class ListingReads
{
    /// <summary>The listing as <paramref name="actor"/> may see it, with its version for the ETag; null when they may not.</summary>
    public static async Task<(ListingInfo Info, uint Version)?> FindAsync(
        PaceDbContext db, Actor actor, Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var listing = await db.Listings.AsNoTracking()
            .VisibleTo(actor, db.Users)
            .Where(l => l.Id == id)
            .Include(l => l.ListingAgent)
            .Include(l => l.Media)
            .Include(l => l.Owner).ThenInclude(o => o!.Phones)
            .Include(l => l.Owner).ThenInclude(o => o!.Emails)
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        if (listing is null)
        {
            return null;
        }

        var location = (await LocationsAsync(db, [listing.LocationId], cancellationToken))[listing.LocationId];
        var agent = listing.ListingAgent!;
        var owner = listing.Owner is { } o && actor.MaySeeOwnerOf(listing, agent.TeamId)
            ? new ListingOwnerInfo(o.Id, o.FullName,
                o.Phones.OrderByDescending(p => p.IsPrimary).ThenBy(p => p.Number, StringComparer.Ordinal)
                    .Select(p => new ApplicantPhoneInfo(p.Number, p.Label, p.IsPrimary, p.IsWhatsApp)).ToList(),
                o.Emails.OrderByDescending(e => e.IsPrimary).ThenBy(e => e.Address, StringComparer.Ordinal).Select(e => e.Address).ToList())
            : null;
        var pending = (await ApprovalRows(db, actor)
                .Where(r => r.Approval.ListingId == id && r.Approval.Decision == ApprovalDecision.Pending)
                .OrderBy(r => r.Approval.RequestedAt).ThenBy(r => r.Approval.Id)
                .ToListAsync(cancellationToken))
            .Select(r => ToInfo(r, actor)).ToList();

        var info = new ListingInfo
        {
            Id = listing.Id,
            Reference = listing.Reference,
            Purpose = listing.Purpose,
            Category = listing.Category,
            PropertyType = listing.PropertyType,
            Status = listing.Status,
            StatusChangedAt = listing.StatusChangedAt,
            PriceMinor = listing.PriceMinor,
            Currency = listing.Currency,
            RentFrequency = listing.RentFrequency,
            PriceOnApplication = listing.PriceOnApplication,
            Cheques = listing.Cheques,
            ServiceChargeMinor = listing.ServiceChargeMinor,
            Bedrooms = listing.Bedrooms,
            Bathrooms = listing.Bathrooms,
            SizeSqft = listing.SizeSqft,
            PlotSizeSqft = listing.PlotSizeSqft,
            Location = location,
            UnitNumber = listing.UnitNumber,
            FloorNumber = listing.FloorNumber,
            ParkingSpaces = listing.ParkingSpaces,
            Furnishing = listing.Furnishing,
            CompletionStatus = listing.CompletionStatus,
            HandoverOn = listing.HandoverOn,
            AvailableFrom = listing.AvailableFrom,
            Developer = listing.Developer,
            ProjectName = listing.ProjectName,
            Amenities = listing.Amenities,
            TitleEn = listing.TitleEn,
            TitleAr = listing.TitleAr,
            DescriptionEn = listing.DescriptionEn,
            DescriptionAr = listing.DescriptionAr,
            PermitType = listing.PermitType,
            PermitNumber = listing.PermitNumber,
            PermitIssuedOn = listing.PermitIssuedOn,
            PermitExpiresOn = listing.PermitExpiresOn,
            PermitPriceMinor = listing.PermitPriceMinor,
            PermitSizeSqft = listing.PermitSizeSqft,
            PermitVerifiedAt = listing.PermitVerifiedAt,
            MandateType = listing.MandateType,
            MandateExpiresOn = listing.MandateExpiresOn,
            Owner = owner,
            ListingAgent = new ListingAgentInfo(agent.Id, agent.DisplayName, agent.Email, agent.Phone),
            PublishedAt = listing.PublishedAt,
            Media = MediaInOrder(listing.Media),
            ComplianceProblems = ListingCompliance.Check(listing, location.Path, DubaiTime.DateOf(now)),
            PendingApprovals = pending,
            CreatedAt = listing.CreatedAt,
            UpdatedAt = listing.UpdatedAt,
        };
        return (info, listing.Version);
    }

    public static IReadOnlyList<ListingMediaInfo> MediaInOrder(IEnumerable<ListingMedia> media) =>
        media.OrderBy(m => m.SortOrder).ThenBy(m => m.Id)
            .Select(m => new ListingMediaInfo(m.Id, m.Kind, m.SortOrder, m.Url, m.Caption, m.ContentType, m.Width, m.Height))
            .ToList();

    /// <summary>Locations by id with the name of the community they are in (none for the emirate itself).</summary>
    public static Task<Dictionary<Guid, ListingLocationInfo>> LocationsAsync(PaceDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        db.Locations.AsNoTracking()
            .Where(x => ids.Contains(x.Id))
            .Select(x => new ListingLocationInfo(x.Id, x.Name, x.Path, x.Level,
                x.Level == LocationLevel.Community ? x.Name
                : x.Parent!.Level == LocationLevel.Community ? x.Parent.Name
                : x.Parent.Parent!.Level == LocationLevel.Community ? x.Parent.Parent.Name
                : null))
            .ToDictionaryAsync(x => x.Id, cancellationToken);

    /// <summary>The location tree path of a location (its first segment is the emirate, which decides the permit rules).</summary>
    public static Task<string> LocationPathAsync(PaceDbContext db, Guid locationId, CancellationToken cancellationToken) =>
        db.Locations.Where(x => x.Id == locationId).Select(x => x.Path).SingleAsync(cancellationToken);

    /// <summary>
    /// Approvals of the listings <paramref name="actor"/> may edit, with what the answer shows of their listing; the
    /// approvals of other listings are not there for them. Filter and order on the row, then <see cref="ToInfo"/>.
    /// </summary>
    public static IQueryable<ApprovalRow> ApprovalRows(PaceDbContext db, Actor actor) =>
        from a in db.ListingApprovals.AsNoTracking()
        join l in db.Listings.EditableBy(actor, db.Users) on a.ListingId equals l.Id
        select new ApprovalRow
        {
            Approval = a,
            Reference = l.Reference,
            Title = l.TitleEn,
            Status = l.Status,
            ListingAgentId = l.ListingAgentId,
            AgentName = l.ListingAgent!.DisplayName,
            AgentTeamId = l.ListingAgent.TeamId,
            Currency = l.Currency,
            RequestedByName = db.Users.Where(u => u.Id == a.RequestedById).Select(u => u.DisplayName).First(),
        };

    /// <summary>The row as answered, saying whether <paramref name="actor"/> may decide it.</summary>
    public static ListingApprovalInfo ToInfo(ApprovalRow r, Actor actor) => new(
        r.Approval.Id, r.Approval.Kind, r.Approval.Decision, r.Approval.ListingId, r.Reference, r.Title, r.Status, r.ListingAgentId,
        r.AgentName, r.Approval.RequestedById, r.RequestedByName, r.Approval.RequestedAt, r.Approval.PreviousPriceMinor,
        r.Approval.RequestedPriceMinor, r.Currency, r.Approval.DecidedById, r.Approval.DecidedAt, r.Approval.Reason,
        ApprovalPolicy.Refusal(actor, r.Approval, r.ListingAgentId, r.AgentTeamId) is null);

    /// <summary>An approval joined with what is shown of its listing (a class, so queries can filter and order on it).</summary>
    internal sealed class ApprovalRow
    {
        public required ListingApproval Approval { get; init; }

        public required string Reference { get; init; }

        public required string Title { get; init; }

        public required ListingStatus Status { get; init; }

        public required Guid ListingAgentId { get; init; }

        public required string AgentName { get; init; }

        public required Guid? AgentTeamId { get; init; }

        public required string Currency { get; init; }

        public required string RequestedByName { get; init; }
    }
}
