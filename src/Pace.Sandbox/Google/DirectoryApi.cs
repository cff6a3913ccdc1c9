using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Pace.Sandbox.Google;

public sealed record DirectoryUserName(
    [property: JsonPropertyName("givenName")] string GivenName,
    [property: JsonPropertyName("familyName")] string FamilyName,
    [property: JsonPropertyName("fullName")] string FullName);

public sealed record DirectoryUserEmail(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("primary")] bool Primary);

public sealed record DirectoryUserOrganization(
    [property: JsonPropertyName("title"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Title,
    [property: JsonPropertyName("department"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Department,
    [property: JsonPropertyName("primary")] bool Primary,
    [property: JsonPropertyName("customType")] string CustomType);

/// <summary>The Admin SDK <c>User</c> resource, with the fields Google returns for the default (basic) projection.</summary>
public sealed record DirectoryUserResource
{
    [JsonPropertyName("kind")] public string Kind { get; init; } = "admin#directory#user";

    [JsonPropertyName("id")] public required string Id { get; init; }

    [JsonPropertyName("etag")] public required string ETag { get; init; }

    [JsonPropertyName("primaryEmail")] public required string PrimaryEmail { get; init; }

    [JsonPropertyName("name")] public required DirectoryUserName Name { get; init; }

    [JsonPropertyName("isAdmin")] public bool IsAdmin { get; init; }

    [JsonPropertyName("isDelegatedAdmin")] public bool IsDelegatedAdmin { get; init; }

    [JsonPropertyName("lastLoginTime")] public required string LastLoginTime { get; init; }

    [JsonPropertyName("creationTime")] public required string CreationTime { get; init; }

    [JsonPropertyName("deletionTime"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? DeletionTime { get; init; }

    [JsonPropertyName("agreedToTerms")] public bool AgreedToTerms { get; init; } = true;

    [JsonPropertyName("suspended")] public bool Suspended { get; init; }

    [JsonPropertyName("suspensionReason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? SuspensionReason { get; init; }

    [JsonPropertyName("archived")] public bool Archived { get; init; }

    [JsonPropertyName("changePasswordAtNextLogin")] public bool ChangePasswordAtNextLogin { get; init; }

    [JsonPropertyName("ipWhitelisted")] public bool IpWhitelisted { get; init; }

    [JsonPropertyName("emails")] public required IReadOnlyList<DirectoryUserEmail> Emails { get; init; }

    [JsonPropertyName("organizations"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<DirectoryUserOrganization>? Organizations { get; init; }

    [JsonPropertyName("customerId")] public required string CustomerId { get; init; }

    [JsonPropertyName("orgUnitPath")] public required string OrgUnitPath { get; init; }

    [JsonPropertyName("isMailboxSetup")] public bool IsMailboxSetup { get; init; } = true;

    [JsonPropertyName("isEnrolledIn2Sv")] public bool IsEnrolledIn2Sv { get; init; }

    [JsonPropertyName("isEnforcedIn2Sv")] public bool IsEnforcedIn2Sv { get; init; }

    [JsonPropertyName("includeInGlobalAddressList")] public bool IncludeInGlobalAddressList { get; init; } = true;

    [JsonPropertyName("thumbnailPhotoUrl")] public required string ThumbnailPhotoUrl { get; init; }

    [JsonPropertyName("thumbnailPhotoEtag")] public required string ThumbnailPhotoEtag { get; init; }

    public static DirectoryUserResource From(DirectoryEntry entry, string customerId, GoogleEndpoints endpoints)
    {
        var user = entry.User;
        var etag = Quote($"{entry.Id}-{entry.Version.ToString(CultureInfo.InvariantCulture)}");
        return new DirectoryUserResource
        {
            Id = entry.Id,
            ETag = etag,
            PrimaryEmail = entry.Email,
            Name = new DirectoryUserName(user.GivenName, user.FamilyName, user.FullName),
            IsAdmin = user.IsAdmin,
            LastLoginTime = Time(entry.LastLoginTime ?? DateTimeOffset.UnixEpoch),
            CreationTime = Time(entry.CreationTime),
            DeletionTime = entry.DeletionTime is { } deleted ? Time(deleted) : null,
            Suspended = user.Suspended,
            SuspensionReason = user.Suspended ? "ADMIN" : null,
            Emails = [new DirectoryUserEmail(entry.Email, Primary: true)],
            Organizations = user.Title is null && user.Department is null
                ? null
                : [new DirectoryUserOrganization(user.Title, user.Department, Primary: true, CustomType: "")],
            CustomerId = customerId,
            OrgUnitPath = user.OrgUnitPath,
            ThumbnailPhotoUrl = endpoints.Photo(entry.Id, GoogleIds.Initials(user.GivenName, user.FamilyName)),
            ThumbnailPhotoEtag = Quote(entry.Id),
        };
    }

    /// <summary>Google's directory timestamps: RFC 3339 UTC with milliseconds.</summary>
    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Quote(string value) => $"\"{value}\"";
}

public sealed record DirectoryUsersPage(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("etag")] string ETag,
    [property: JsonPropertyName("users"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DirectoryUserResource>? Users,
    [property: JsonPropertyName("nextPageToken"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NextPageToken);

/// <summary>
/// The Admin SDK Directory API's <c>users.list</c> (<c>admin.googleapis.com/admin/directory/v1/users</c>): a bearer
/// token with a directory scope, acting as a Workspace administrator; keyset pages in a stable order.
/// </summary>
public static class DirectoryApi
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 500;

    private static readonly string[] DirectoryScopes = [GoogleScopes.DirectoryUser, GoogleScopes.DirectoryUserReadonly, GoogleScopes.CloudPlatform];

    public static RouteGroupBuilder MapDirectoryApi(this RouteGroupBuilder google)
    {
        google.MapGet("/admin/directory/v1/users", ListUsers).WithName("GoogleDirectoryUsersList").ExcludeFromDescription();
        return google;
    }

    private static IResult ListUsers(HttpContext context, GrantStore grants, WorkspaceDirectory directory, IOptions<GoogleSandboxOptions> options)
    {
        var endpoints = GoogleEndpoints.For(context, options.Value);
        var token = BearerToken.Read(context.Request);
        if (token is null)
        {
            GoogleErrors.ChallengeBearer(context.Response, endpoints.Issuer);
            return GoogleErrors.LoginRequired();
        }

        var grant = grants.FindAccessToken(token);
        if (grant is null)
        {
            GoogleErrors.ChallengeBearer(context.Response, endpoints.Issuer);
            return GoogleErrors.InvalidCredentials();
        }

        if (!grant.Scopes.Any(DirectoryScopes.Contains))
        {
            return GoogleErrors.InsufficientScopes();
        }

        // The Directory API answers only administrators: a service account must impersonate one (domain-wide delegation).
        if (grant.SubjectEmail is null || directory.Find(grant.SubjectEmail) is not { User: { IsAdmin: true, Suspended: false } })
        {
            return GoogleErrors.NotAuthorized();
        }

        var query = context.Request.Query;
        var customer = query["customer"].ToString();
        var domain = query["domain"].ToString();
        if (customer.Length == 0 && domain.Length == 0)
        {
            return GoogleErrors.BadRequest();
        }

        if (customer.Length > 0 && customer != "my_customer" && customer != options.Value.CustomerId)
        {
            return GoogleErrors.BadRequest("Bad Request", "badRequest");
        }

        if (domain.Length > 0 && !directory.IsWorkspaceDomain(domain))
        {
            return GoogleErrors.NotAuthorized();
        }

        var pageSize = DefaultPageSize;
        if (query["maxResults"].ToString() is { Length: > 0 } max
            && (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            return GoogleErrors.BadRequest($"Invalid value '{max}'. Values must be within the range: [1, {MaxPageSize}]", "invalid");
        }

        var orderBy = query["orderBy"].ToString() switch
        {
            "" or "email" => "email",
            "givenName" => "givenName",
            "familyName" => "familyName",
            _ => null,
        };
        var sortOrder = query["sortOrder"].ToString().ToUpperInvariant() switch
        {
            "" or "ASCENDING" => "ASCENDING",
            "DESCENDING" => "DESCENDING",
            _ => null,
        };
        if (orderBy is null || sortOrder is null)
        {
            return GoogleErrors.BadRequest("Invalid Input", "invalid");
        }

        var showDeleted = string.Equals(query["showDeleted"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var filter = UserQuery.Parse(query["query"].ToString());
        if (filter is null)
        {
            return GoogleErrors.BadRequest("Invalid Input", "invalid");
        }

        var shape = $"{orderBy}|{sortOrder}|{showDeleted}|{domain}|{query["query"]}";
        var after = (string?)null;
        if (query["pageToken"].ToString() is { Length: > 0 } pageToken && !PageToken.TryRead(pageToken, shape, out after))
        {
            return GoogleErrors.BadRequest("Invalid Input: pageToken", "invalid");
        }

        var descending = sortOrder == "DESCENDING";
        var keyed = directory.Snapshot(showDeleted)
            .Where(e => domain.Length == 0 || GoogleIds.DomainOf(e.Email) == GoogleIds.NormalizeEmail(domain))
            .Where(filter.Matches)
            .Select(e => (Key: SortKey(e, orderBy), Entry: e));
        var ordered = (descending ? keyed.OrderByDescending(x => x.Key, StringComparer.Ordinal) : keyed.OrderBy(x => x.Key, StringComparer.Ordinal))
            .Where(x => after is null || (descending ? string.CompareOrdinal(x.Key, after) < 0 : string.CompareOrdinal(x.Key, after) > 0))
            .Take(pageSize + 1)
            .ToList();
        var page = ordered.Take(pageSize).ToList();
        var next = ordered.Count > pageSize ? PageToken.Write(shape, page[^1].Key) : null;
        var users = page.Select(x => DirectoryUserResource.From(x.Entry, options.Value.CustomerId, endpoints)).ToList();
        var etag = $"\"{GoogleIds.Fingerprint(string.Join(',', users.Select(u => u.ETag)))}\"";
        return TypedResults.Json(new DirectoryUsersPage("admin#directory#users", etag, users.Count == 0 ? null : users, next));
    }

    /// <summary>
    /// A total order: the sort field (case-folded) then the address and the id, so ties never reorder between pages
    /// and a deleted-then-recreated address stays distinct.
    /// </summary>
    private static string SortKey(DirectoryEntry entry, string orderBy)
    {
        var field = orderBy switch
        {
            "givenName" => entry.User.GivenName,
            "familyName" => entry.User.FamilyName,
            _ => entry.Email,
        };
        return $"{field.ToUpperInvariant()}\u0000{entry.Email}\u0000{entry.Id}\u0000{entry.Version.ToString("D20", CultureInfo.InvariantCulture)}";
    }

    /// <summary>The opaque page token: the last key of the page, bound to the query it belongs to.</summary>
    private static class PageToken
    {
        public static string Write(string shape, string lastKey) =>
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{shape}\u0001{lastKey}"));

        public static bool TryRead(string token, string shape, out string? lastKey)
        {
            lastKey = null;
            try
            {
                var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
                var split = text.IndexOf('\u0001', StringComparison.Ordinal);
                if (split < 0 || text[..split] != shape)
                {
                    return false;
                }

                lastKey = text[(split + 1)..];
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}

/// <summary>
/// The subset of the Directory API's user search the twin understands: <c>isAdmin=</c>, <c>isSuspended=</c>,
/// <c>orgUnitPath=</c> (the unit and those under it) and <c>email:</c> (prefix with <c>*</c>, else exact), ANDed.
/// </summary>
internal sealed class UserQuery
{
    private readonly List<Func<DirectoryEntry, bool>> _terms = [];

    public static UserQuery? Parse(string query)
    {
        var parsed = new UserQuery();
        foreach (var term in Tokens(query))
        {
            var eq = term.IndexOf('=', StringComparison.Ordinal);
            var colon = term.IndexOf(':', StringComparison.Ordinal);
            if (eq > 0 && (colon < 0 || eq < colon))
            {
                var field = term[..eq];
                var value = Unquote(term[(eq + 1)..]);
                Func<DirectoryEntry, bool>? match = field switch
                {
                    "isAdmin" when bool.TryParse(value, out var admin) => e => e.User.IsAdmin == admin,
                    "isSuspended" when bool.TryParse(value, out var suspended) => e => e.User.Suspended == suspended,
                    "orgUnitPath" => e => e.User.OrgUnitPath.Equals(value, StringComparison.OrdinalIgnoreCase)
                        || e.User.OrgUnitPath.StartsWith(value.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase),
                    _ => null,
                };
                if (match is null)
                {
                    return null;
                }

                parsed._terms.Add(match);
            }
            else if (colon > 0 && term[..colon] == "email")
            {
                var value = Unquote(term[(colon + 1)..]);
                parsed._terms.Add(value.EndsWith('*')
                    ? e => e.Email.StartsWith(value[..^1], StringComparison.OrdinalIgnoreCase)
                    : e => e.Email.Equals(value, StringComparison.OrdinalIgnoreCase));
            }
            else
            {
                return null;
            }
        }

        return parsed;
    }

    public bool Matches(DirectoryEntry entry) => _terms.All(t => t(entry));

    private static IEnumerable<string> Tokens(string query)
    {
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in query)
        {
            if (c == '\'')
            {
                quoted = !quoted;
            }

            if (c == ' ' && !quoted)
            {
                if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }

                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    private static string Unquote(string value) => value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1] : value;
}
