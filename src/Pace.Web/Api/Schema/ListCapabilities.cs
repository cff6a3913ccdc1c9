using Pace.Activities;
using Pace.Applicants;
using Pace.Audit;
using Pace.Common;
using Pace.Deals;
using Pace.Identity;
using Pace.Listings;
using Pace.Notifications;
using Pace.Viewings;
using Pace.Web.Applicants;
using Pace.Web.Listings;

namespace Pace.Web.Api.Schema;

/// <summary>A query parameter of a list endpoint and the entity fields it filters on (camelCase, as the schema names them).</summary>
public sealed record ListFilter(string Parameter, IReadOnlyList<string> Fields, string Meaning);

/// <summary>An order a list can be read in: <see cref="Value"/> is what <c>sort=</c> takes (null for a list with one fixed order).</summary>
public sealed record ListSort(string? Value, IReadOnlyList<string> Fields, bool Descending, bool IsDefault);

/// <summary>How a list endpoint of <see cref="Entity"/> filters and sorts (every list is keyset-paginated: <c>limit</c>, <c>cursor</c>).</summary>
public sealed record ListCapability(Type Entity, string Method, string Route, IReadOnlyList<ListFilter> Filters, IReadOnlyList<ListSort> Sorts);

/// <summary>
/// What each list endpoint filters and sorts by, for <c>/api/v1/schema</c>. The sort values are the very values the
/// endpoints validate against (<see cref="ApplicantSort"/>, <see cref="ListingSearch.Sorts"/>); the filter parameters
/// are checked against the endpoints' real query parameters by a test (SchemaApiTests), so a new filter that is not
/// declared here fails the build's tests rather than drifting silently.
/// </summary>
public static class ListCapabilities
{
    /// <summary>Paging parameters every list has; not filters.</summary>
    public static readonly IReadOnlySet<string> PagingParameters = new HashSet<string>(StringComparer.Ordinal) { "cursor", "limit", "sort" };

    public static IReadOnlyList<ListCapability> All { get; } =
    [
        new(typeof(Applicant), "GET", "/api/v1/applicants",
            [
                new("q", ["fullName", "phones.number", "emails.address"], "a name prefix (any word), a phone in any format, or an email"),
                new("stage", ["stage"], "equals"),
                new("agentId", ["assignedAgentId"], "equals"),
                new("unassigned", ["assignedAgentId"], "true: no agent"),
                new("source", ["source"], "equals"),
                new("tag", ["tags"], "contains"),
            ],
            [.. Enum.GetValues<ApplicantSort>().Select(s => s switch
            {
                ApplicantSort.Name => new ListSort(SnakeCase.Of(s), ["fullName", "id"], false, false),
                ApplicantSort.StageAge => new ListSort(SnakeCase.Of(s), ["stageChangedAt", "id"], false, false),
                _ => new ListSort(SnakeCase.Of(s), ["createdAt", "id"], true, true),
            })]),
        new(typeof(Listing), "GET", "/api/v1/listings",
            [
                new("reference", ["reference"], "a reference, its beginning, or its number"),
                new("purpose", ["purpose"], "equals"),
                new("type", ["propertyType"], "one of (repeat the parameter)"),
                new("category", ["category"], "equals"),
                new("locationId", ["locationId"], "anywhere beneath this node of the location tree"),
                new("bedsMin", ["bedrooms"], "at least"),
                new("bedsMax", ["bedrooms"], "at most"),
                new("priceMin", ["priceMinor"], "at least (minor units)"),
                new("priceMax", ["priceMinor"], "at most (minor units)"),
                new("status", ["status"], "one of (repeat the parameter); default live and under_offer"),
                new("agentId", ["listingAgentId"], "equals"),
                new("furnishing", ["furnishing"], "equals"),
                new("completion", ["completionStatus"], "equals"),
            ],
            [.. ListingSearch.Sorts.Select(s => s switch
            {
                "price_asc" => new ListSort(s, ["priceMinor", "id"], false, false),
                "price_desc" => new ListSort(s, ["priceMinor", "id"], true, false),
                "beds" => new ListSort(s, ["bedrooms", "id"], false, false),
                _ => new ListSort(s, ["createdAt", "id"], true, true),
            })]),
        new(typeof(Viewing), "GET", "/api/v1/viewings",
            [
                new("agentId", ["agentId"], "equals; default the caller"),
                new("from", ["startsAt"], "at or after; default today (Dubai)"),
                new("to", ["startsAt"], "before; default 7 days after from, at most 62"),
            ],
            [new(null, ["startsAt", "id"], false, true)]),
        new(typeof(Offer), "GET", "/api/v1/offers",
            [new("listingId", ["listingId"], "equals (this or applicantId)"), new("applicantId", ["applicantId"], "equals (this or listingId)")],
            [new(null, ["createdAt", "id"], true, true)]),
        new(typeof(Activity), "GET", "/api/v1/tasks",
            [
                new("scope", ["dueAt", "completedAt"], "today, overdue, upcoming…: a window of due dates (kind task only)"),
                new("assigneeId", ["userId"], "equals; default the caller"),
            ],
            [new(null, ["dueAt", "id"], false, true)]),
        new(typeof(Activity), "GET", "/api/v1/applicants/{id}/timeline",
            [new("kinds", ["kind"], "one of (repeat or comma-separate)")],
            [new(null, ["occurredAt", "id"], true, true)]),
        new(typeof(Activity), "GET", "/api/v1/listings/{id}/timeline",
            [new("kinds", ["kind"], "one of (repeat or comma-separate)")],
            [new(null, ["occurredAt", "id"], true, true)]),
        new(typeof(Notification), "GET", "/api/v1/me/notifications",
            [new("unread", ["readAt"], "true: not read yet")],
            [new(null, ["createdAt", "id"], true, true)]),
        new(typeof(User), "GET", "/api/v1/admin/users",
            [
                new("role", ["role"], "equals"),
                new("teamId", ["teamId"], "equals"),
                new("active", ["isActive"], "equals"),
                new("q", ["displayName", "email"], "prefix"),
            ],
            [new(null, ["displayName", "id"], false, true)]),
        new(typeof(AuditEntry), "GET", "/api/v1/admin/audit",
            [
                new("entityType", ["entityType"], "equals"),
                new("entityId", ["entityId"], "equals"),
                new("actorUserId", ["actorUserId"], "equals"),
                new("action", ["action"], "equals"),
                new("from", ["occurredAt"], "at or after"),
                new("to", ["occurredAt"], "before"),
            ],
            [new(null, ["occurredAt", "id"], true, true)]),
        new(typeof(ListingApproval), "GET", "/api/v1/listings/approvals", [], [new(null, ["requestedAt", "id"], false, true)]),
    ];
}
