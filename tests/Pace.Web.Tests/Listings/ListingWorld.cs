using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Pace.Applicants;
using Pace.Common;
using Pace.Identity;
using Pace.Locations;
using Pace.Reference;
using Pace.Web.Tests.Tokens;

namespace Pace.Web.Tests.Listings;

/// <summary>An answer of the listings API: status, ETag and the parsed body.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, string? ETag, JsonElement Body)
{
    public string? Text(string property) => Body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public Guid Id => Body.GetProperty("id").GetGuid();

    /// <summary>The field errors of a 400 ValidationProblem, by field.</summary>
    public IReadOnlyDictionary<string, string> Errors =>
        Body.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().ToDictionary(p => p.Name, p => string.Join(" ", p.Value.EnumerateArray().Select(e => e.GetString())))
            : new Dictionary<string, string>();

    /// <summary>The codes of the compliance problems of a 422.</summary>
    public IReadOnlyList<string> ProblemCodes =>
        Body.TryGetProperty("problems", out var problems) ? problems.EnumerateArray().Select(p => p.GetProperty("code").GetString()!).ToList() : [];
}

/// <summary>
/// pace-web over a fresh Pace DB with a small brokerage: two teams (Marina, Downtown) with a manager and agents, an
/// admin, the reference data and a location tree (Dubai with two communities, and Sharjah, where no permit is needed),
/// and an owner for each agent. Callers are named: "agent", "colleague" (Marina), "agent2" (Downtown), "manager"
/// (Marina), "manager2" (Downtown), "admin".
/// </summary>
public sealed class ListingWorld : IAsyncDisposable
{
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, User> _users = new(StringComparer.Ordinal);

    private ListingWorld(TokenTestHost host) => Host = host;

    public TokenTestHost Host { get; }

    public Guid Marina { get; private set; }

    public Guid Downtown { get; private set; }

    public Guid Dubai { get; private set; }

    public Guid DubaiMarina { get; private set; }

    public Guid MarinaGate { get; private set; }

    public Guid MarinaGate1 { get; private set; }

    public Guid DowntownDubai { get; private set; }

    public Guid BurjViews { get; private set; }

    public Guid Sharjah { get; private set; }

    /// <summary>An owner assigned to "agent" (only agent, the Marina manager and admins see them).</summary>
    public Guid AgentsOwner { get; private set; }

    public Guid Agent2sOwner { get; private set; }

    public DateOnly Today => DubaiTime.DateOf(Host.Clock.Now);

    public User User(string who) => _users[who];

    public static async Task<ListingWorld> StartAsync()
    {
        // The expiry job is run by hand in the tests that need it.
        var host = await TokenTestHost.StartAsync(new Dictionary<string, string?> { ["Listings:Expiry:Enabled"] = "false" });
        var world = new ListingWorld(host);
        await world.SeedAsync();
        return world;
    }

    private async Task SeedAsync()
    {
        var now = Host.Clock.Now;
        await using (var db = Host.Database.CreatePaceDbContext())
        {
            var marina = new Team { Name = "Marina", CreatedAt = now, UpdatedAt = now };
            var downtown = new Team { Name = "Downtown", CreatedAt = now, UpdatedAt = now };
            db.Teams.AddRange(marina, downtown);
            var code = 0;
            foreach (var type in new[] { "apartment", "villa", "townhouse", "penthouse", "office-space" })
            {
                db.ReferenceValues.Add(new ReferenceValue { Kind = ReferenceKind.PropertyType, Code = type, Label = type, SortOrder = code++, CreatedAt = now, UpdatedAt = now });
            }

            foreach (var amenity in new[] { "shared-pool", "balcony", "central-ac", "covered-parking" })
            {
                db.ReferenceValues.Add(new ReferenceValue { Kind = ReferenceKind.Amenity, Code = amenity, Label = amenity, SortOrder = code++, CreatedAt = now, UpdatedAt = now });
            }

            db.ReferenceValues.Add(new ReferenceValue { Kind = ReferenceKind.Amenity, Code = "moat", Label = "Moat", IsActive = false, CreatedAt = now, UpdatedAt = now });

            Location Place(Location? parent, LocationLevel level, string name, string slug)
            {
                var location = new Location { ParentId = parent?.Id, Level = level, Name = name, Path = parent is null ? slug : $"{parent.Path}/{slug}", CreatedAt = now, UpdatedAt = now };
                db.Locations.Add(location);
                return location;
            }

            var dubai = Place(null, LocationLevel.Emirate, "Dubai", "dubai");
            var dubaiMarina = Place(dubai, LocationLevel.Community, "Dubai Marina", "dubai-marina");
            var marinaGate = Place(dubaiMarina, LocationLevel.SubCommunity, "Marina Gate", "marina-gate");
            var marinaGate1 = Place(marinaGate, LocationLevel.Building, "Marina Gate 1", "marina-gate-1");
            // A sibling whose path starts like Dubai Marina's: the subtree must not take it.
            var marinaLike = Place(dubai, LocationLevel.Community, "Dubai Marina Heights", "dubai-marina-heights");
            var downtownDubai = Place(dubai, LocationLevel.Community, "Downtown Dubai", "downtown-dubai");
            var burjViews = Place(downtownDubai, LocationLevel.Building, "Burj Views", "burj-views");
            var sharjah = Place(null, LocationLevel.Emirate, "Sharjah", "sharjah");
            await db.SaveChangesAsync();
            (Marina, Downtown, Dubai, DubaiMarina, MarinaGate, MarinaGate1, DowntownDubai, BurjViews, Sharjah) =
                (marina.Id, downtown.Id, dubai.Id, dubaiMarina.Id, marinaGate.Id, marinaGate1.Id, downtownDubai.Id, burjViews.Id, sharjah.Id);
            MarinaHeights = marinaLike.Id;
        }

        foreach (var (who, role, team) in new (string, UserRole, Guid?)[]
        {
            ("agent", UserRole.Agent, Marina), ("colleague", UserRole.Agent, Marina), ("agent2", UserRole.Agent, Downtown),
            ("manager", UserRole.Manager, Marina), ("manager2", UserRole.Manager, Downtown), ("admin", UserRole.Admin, null),
        })
        {
            var user = await Host.SeedUserAsync($"{who}@allsop.example", role, teamId: team);
            _users[who] = user;
            _tokens[who] = (await Host.SeedPersonalTokenAsync(user)).Token;
        }

        AgentsOwner = await SeedOwnerAsync(User("agent").Id, "Omar", "+971501112233");
        Agent2sOwner = await SeedOwnerAsync(User("agent2").Id, "Fatima", "+971504445566");
    }

    public Guid MarinaHeights { get; private set; }

    private async Task<Guid> SeedOwnerAsync(Guid agentId, string name, string phone)
    {
        await using var db = Host.Database.CreatePaceDbContext();
        var now = Host.Clock.Now;
        var owner = new Applicant
        {
            Kind = ContactKind.Owner, FirstName = name, LastName = "Haddad", Source = LeadSource.Referral, Stage = ApplicantStage.Won,
            StageChangedAt = now, AssignedAgentId = agentId, CreatedAt = now, UpdatedAt = now,
        };
        owner.Phones.Add(new ApplicantPhone { Number = phone, IsPrimary = true, CreatedAt = now, UpdatedAt = now });
        owner.Emails.Add(new ApplicantEmail { Address = $"{name.ToLowerInvariant()}@gmail.example", IsPrimary = true, CreatedAt = now, UpdatedAt = now });
        db.Applicants.Add(owner);
        await db.SaveChangesAsync();
        return owner.Id;
    }

    /// <summary>
    /// A complete, compliant listing body: a two-bedroom apartment for sale in Marina Gate 1 with a current RERA
    /// permit of the same price and size. <paramref name="changes"/> replace fields; a null value removes one.
    /// </summary>
    public Dictionary<string, object?> ListingBody(params (string Field, object? Value)[] changes)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["purpose"] = "sale",
            ["category"] = "residential",
            ["propertyType"] = "apartment",
            ["priceMinor"] = 2_500_000_00L,
            ["bedrooms"] = 2,
            ["bathrooms"] = 3,
            ["sizeSqft"] = 1_250m,
            ["locationId"] = MarinaGate1,
            ["unitNumber"] = "2304",
            ["floorNumber"] = "23",
            ["parkingSpaces"] = 1,
            ["furnishing"] = "unfurnished",
            ["completionStatus"] = "completed",
            ["amenities"] = new[] { "shared-pool", "balcony" },
            ["titleEn"] = "Two bedrooms with a full marina view",
            ["descriptionEn"] = "High floor, vacant on transfer, two parking spaces on request.",
            ["permitType"] = "rera",
            ["permitNumber"] = "7116777484",
            ["permitIssuedOn"] = Today.AddDays(-5),
            ["permitExpiresOn"] = Today.AddDays(85),
            ["permitPriceMinor"] = 2_500_000_00L,
            ["permitSizeSqft"] = 1_250m,
            ["mandateType"] = "exclusive",
            ["mandateExpiresOn"] = Today.AddDays(120),
            ["ownerId"] = AgentsOwner,
        };
        foreach (var (field, value) in changes)
        {
            if (value is null)
            {
                body.Remove(field);
            }
            else
            {
                body[field] = value;
            }
        }

        return body;
    }

    /// <summary>Creates a listing as <paramref name="who"/>, asserting it was created.</summary>
    public async Task<ApiAnswer> CreateListingAsync(string who = "agent", params (string Field, object? Value)[] changes)
    {
        var answer = await SendAsync(who, HttpMethod.Post, "/api/v1/listings", ListingBody(changes));
        Assert.True(answer.Status == HttpStatusCode.Created, answer.Body.ToString());
        return answer;
    }

    /// <summary>Creates a listing as "agent", submits it and has the Marina manager approve it: a live listing.</summary>
    public async Task<ApiAnswer> CreateLiveListingAsync(params (string Field, object? Value)[] changes)
    {
        var created = await CreateListingAsync("agent", changes);
        var submitted = await SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{created.Id}/submit");
        Assert.True(submitted.Status == HttpStatusCode.OK, submitted.Body.ToString());
        var approved = await SendAsync("manager", HttpMethod.Post, $"/api/v1/listings/approvals/{PendingApprovalId(submitted)}/approve");
        Assert.True(approved.Status == HttpStatusCode.OK, approved.Body.ToString());
        return approved;
    }

    public static Guid PendingApprovalId(ApiAnswer listing) => listing.Body.GetProperty("pendingApprovals")[0].GetProperty("id").GetGuid();

    public Task<ApiAnswer> GetAsync(string who, string path) => SendAsync(who, HttpMethod.Get, path);

    public async Task<ApiAnswer> SendAsync(string who, HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        using var request = Request(who, method, path);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body);
        }

        using var response = await Host.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return new ApiAnswer(response.StatusCode, response.Headers.ETag?.Tag, document.RootElement.Clone());
    }

    /// <summary>
    /// Uploads <paramref name="file"/> to the listing as <paramref name="who"/>, as a browser's form would send it: the
    /// field <c>file</c> with a name and a declared type (which the server does not believe), and the optional fields.
    /// </summary>
    public Task<ApiAnswer> UploadAsync(
        string who, Guid listingId, byte[]? file, string fileName = "photo.jpg", string declaredType = "image/jpeg", string? kind = null, string? caption = null)
    {
        var form = new MultipartFormDataContent();
        if (file is not null)
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
            form.Add(content, "file", fileName);
        }

        if (kind is not null)
        {
            form.Add(new StringContent(kind), "kind");
        }

        if (caption is not null)
        {
            form.Add(new StringContent(caption), "caption");
        }

        return SendAsync(who, HttpMethod.Post, $"/api/v1/listings/{listingId}/media/upload", form);
    }

    /// <summary>A raw request as <paramref name="who"/> (for what is not JSON: a served file).</summary>
    public HttpRequestMessage Request(string who, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[who]);
        return request;
    }

    /// <summary>The personal token of <paramref name="who"/>.</summary>
    public string Token(string who) => _tokens[who];

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
