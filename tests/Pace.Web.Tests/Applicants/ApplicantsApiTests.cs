using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pace.Activities;
using Pace.Viewings;

namespace Pace.Web.Tests.Applicants;

/// <summary>Applicants through HTTP against real PostgreSQL: create, validate, search, update, stage, delete.</summary>
public sealed class ApplicantsApiTests
{
    private const string Applicants = "/api/v1/applicants";

    [Fact]
    public async Task A_uae_number_typed_any_way_is_one_number_and_finds_the_applicant()
    {
        await using var world = await CrmWorld.StartAsync();
        var id = await world.CreateApplicantAsync("agent", "Layla", "Hassan", "050 123 4567");

        foreach (var typed in new[] { "+971501234567", "00971501234567", "0501234567", "971 50 123 4567" })
        {
            var found = await world.As("agent", HttpMethod.Get, $"{Applicants}?q={Uri.EscapeDataString(typed)}");
            Assert.Equal(HttpStatusCode.OK, found.Status);
            Assert.Equal(id, Assert.Single(found.Body.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        }

        var read = await world.As("agent", HttpMethod.Get, $"{Applicants}/{id}");
        Assert.Equal("+971501234567", read.Body.GetProperty("phones")[0].GetProperty("number").GetString());
        Assert.Equal(world.People["agent"].Id, read.Body.GetProperty("assignedAgentId").GetGuid());
    }

    [Fact]
    public async Task Invalid_applicants_are_refused_naming_each_field()
    {
        await using var world = await CrmWorld.StartAsync();

        var response = await world.As("agent", HttpMethod.Post, Applicants, new
        {
            firstName = " ",
            lastName = new string('x', 101),
            nationality = "Emirati",
            phones = new[] { new { number = "12" } },
            emails = new[] { "not-an-email" },
            requirements = new object[] { new { bedroomsMin = 3, bedroomsMax = 1, budgetMax = -5, propertyTypes = new[] { "castle" }, locationIds = new[] { Guid.NewGuid() } } },
            assignedAgentId = world.People["agent2"].Id,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        foreach (var field in new[]
        {
            "firstName", "lastName", "nationality", "source", "phones[0].number", "emails[0]", "requirements[0].purpose",
            "requirements[0].bedroomsMax", "requirements[0].budgetMax", "requirements[0].propertyTypes", "requirements[0].locationIds", "assignedAgentId",
        })
        {
            Assert.True(response.NamesField(field), $"{field} not named in {response.Body}");
        }
    }

    [Fact]
    public async Task Likely_duplicates_are_flagged_and_another_agents_lead_is_named_without_revealing_it()
    {
        await using var world = await CrmWorld.StartAsync();
        var mine = await world.CreateApplicantAsync("agent", "Omar", "Khalid", "+971551112233", email: "omar@example.com");
        await world.CreateApplicantAsync("agent2", "Omar", "Khaled", "+971561112233");

        var response = await world.As("agent", HttpMethod.Post, Applicants, new
        {
            firstName = "Omar",
            lastName = "Khalid",
            source = "call",
            phones = new[] { new { number = "056 111 2233" }, new { number = "0551112233" } },
            emails = new[] { "OMAR@example.com" },
        });

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var duplicates = response.Body.GetProperty("duplicates").EnumerateArray().ToList();
        Assert.Equal(2, duplicates.Count);
        var visible = duplicates.Single(d => d.GetProperty("visible").GetBoolean());
        Assert.Equal(mine, visible.GetProperty("id").GetGuid());
        Assert.Contains(visible.GetProperty("reasons").EnumerateArray(), r => r.GetString() == "same email omar@example.com");
        var hidden = duplicates.Single(d => !d.GetProperty("visible").GetBoolean());
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("id").ValueKind);
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("fullName").ValueKind);
        Assert.Equal("agent2", hidden.GetProperty("assignedAgentName").GetString());
    }

    [Fact]
    public async Task Search_by_name_word_prefix_and_email_pages_by_keyset_without_overlap()
    {
        await using var world = await CrmWorld.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await world.CreateApplicantAsync("agent", $"Client{i}", "Bennett", $"+97150000000{i}", email: $"c{i}@example.com");
            world.Api.Host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await world.CreateApplicantAsync("agent2", "Other", "Bennett", "+971509999999");

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await world.As("agent", HttpMethod.Get, $"{Applicants}?q=benn&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            seen.AddRange(page.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.Body.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(5, seen.Count);
        Assert.Equal(5, seen.Distinct().Count());
        var byEmail = await world.As("agent", HttpMethod.Get, $"{Applicants}?q=C3@Example.com");
        Assert.Equal("Client3 Bennett", Assert.Single(byEmail.Body.GetProperty("items").EnumerateArray()).GetProperty("fullName").GetString());
        var byName = await world.As("agent", HttpMethod.Get, $"{Applicants}?q=client2&sort=name");
        Assert.Single(byName.Body.GetProperty("items").EnumerateArray());
        var manager = await world.As("manager", HttpMethod.Get, $"{Applicants}?q=bennett&limit=200");
        Assert.Equal(5, manager.Body.GetProperty("items").GetArrayLength());
        var admin = await world.As("admin", HttpMethod.Get, $"{Applicants}?q=bennett&limit=200");
        Assert.Equal(6, admin.Body.GetProperty("items").GetArrayLength());

        var bad = await world.As("agent", HttpMethod.Get, $"{Applicants}?stage=sleeping&sort=random&limit=0&cursor=nope");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.True(bad.NamesField("stage") && bad.NamesField("sort") && bad.NamesField("limit") && bad.NamesField("cursor"), bad.Body.ToString());
    }

    [Fact]
    public async Task An_update_needs_the_current_etag_and_replaces_phones_and_consent()
    {
        await using var world = await CrmWorld.StartAsync();
        var id = await world.CreateApplicantAsync("agent", "Sara", "Ali", "+971501111111");
        var read = await world.As("agent", HttpMethod.Get, $"{Applicants}/{id}");
        var patch = new { lastName = (string?)null, phones = new[] { new { number = "0502222222", isWhatsApp = true } }, consents = new[] { new { channel = "whatsapp", granted = true, source = "call" } } };

        var missing = await world.As("agent", HttpMethod.Patch, $"{Applicants}/{id}", patch);
        var updated = await world.As("agent", HttpMethod.Patch, $"{Applicants}/{id}", patch, read.ETag);
        var stale = await world.As("agent", HttpMethod.Patch, $"{Applicants}/{id}", patch, read.ETag);

        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.Status);
        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        var applicant = updated.Body.GetProperty("applicant");
        Assert.Equal(JsonValueKind.Null, applicant.GetProperty("lastName").ValueKind);
        var phone = Assert.Single(applicant.GetProperty("phones").EnumerateArray());
        Assert.Equal("+971502222222", phone.GetProperty("number").GetString());
        Assert.True(phone.GetProperty("isWhatsApp").GetBoolean());
        Assert.True(Assert.Single(applicant.GetProperty("consents").EnumerateArray()).GetProperty("granted").GetBoolean());
    }

    [Fact]
    public async Task Another_agents_applicant_answers_404_through_every_endpoint()
    {
        await using var world = await CrmWorld.StartAsync();
        var theirs = await world.CreateApplicantAsync("agent2", "Nadia", "Saleh", "+971503333333");
        var mine = await world.CreateApplicantAsync("agent", "Karim", "Saleh", "+971504444444");
        var requirementId = Guid.NewGuid();
        var requirement = new { purpose = "rent" };

        var answers = new[]
        {
            await world.As("agent", HttpMethod.Get, $"{Applicants}/{theirs}"),
            await world.As("agent", HttpMethod.Patch, $"{Applicants}/{theirs}", new { firstName = "X" }, "*"),
            await world.As("agent", HttpMethod.Delete, $"{Applicants}/{theirs}"),
            await world.As("agent", HttpMethod.Post, $"{Applicants}/{theirs}/stage", new { stage = "contacted" }),
            await world.As("agent", HttpMethod.Get, $"{Applicants}/{theirs}/duplicates"),
            await world.As("agent", HttpMethod.Post, $"{Applicants}/{mine}/merge", new { duplicateId = theirs }),
            await world.As("agent", HttpMethod.Post, $"{Applicants}/{theirs}/merge", new { duplicateId = mine }),
            await world.As("agent", HttpMethod.Post, $"{Applicants}/{theirs}/requirements", requirement),
            await world.As("agent", HttpMethod.Put, $"{Applicants}/{theirs}/requirements/{requirementId}", requirement, "*"),
            await world.As("agent", HttpMethod.Delete, $"{Applicants}/{theirs}/requirements/{requirementId}"),
            await world.As("manager", HttpMethod.Post, $"{Applicants}/{theirs}/assign", new { agentId = world.People["agent"].Id }),
        };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.Status));
        var still = await world.As("agent2", HttpMethod.Get, $"{Applicants}/{theirs}");
        Assert.Equal("Nadia", still.Body.GetProperty("firstName").GetString());
    }

    [Fact]
    public async Task Stage_changes_need_a_reason_for_lost_and_build_the_time_in_each_stage()
    {
        await using var world = await CrmWorld.StartAsync();
        var id = await world.CreateApplicantAsync("agent", "Hana", "Rahman", "+971505555555");
        var clock = world.Api.Host.Clock;

        clock.Advance(TimeSpan.FromHours(2));
        var contacted = await world.As("agent", HttpMethod.Post, $"{Applicants}/{id}/stage", new { stage = "contacted" });
        clock.Advance(TimeSpan.FromHours(24));
        var noReason = await world.As("agent", HttpMethod.Post, $"{Applicants}/{id}/stage", new { stage = "lost" });
        var unknownReason = await world.As("agent", HttpMethod.Post, $"{Applicants}/{id}/stage", new { stage = "lost", lostReason = "aliens" });
        var lost = await world.As("agent", HttpMethod.Post, $"{Applicants}/{id}/stage", new { stage = "lost", lostReason = "not_responding", note = "Three calls, no answer." });
        clock.Advance(TimeSpan.FromHours(1));
        var read = await world.As("agent", HttpMethod.Get, $"{Applicants}/{id}");

        Assert.Equal(HttpStatusCode.OK, contacted.Status);
        Assert.NotEqual(JsonValueKind.Null, contacted.Body.GetProperty("firstContactedAt").ValueKind);
        Assert.True(noReason.NamesField("lostReason"));
        Assert.True(unknownReason.NamesField("lostReason"));
        Assert.Equal(HttpStatusCode.OK, lost.Status);
        Assert.Equal("not_responding", read.Body.GetProperty("lostReason").GetString());
        var history = read.Body.GetProperty("stageHistory").EnumerateArray()
            .Select(p => (p.GetProperty("stage").GetString(), p.GetProperty("seconds").GetInt64())).ToList();
        Assert.Equal([("new", 7200L), ("contacted", 86400L), ("lost", 3600L)], history);
    }

    [Fact]
    public async Task An_applicant_with_history_is_not_deleted_and_one_without_is()
    {
        await using var world = await CrmWorld.StartAsync();
        var withViewing = await world.CreateApplicantAsync("agent", "Ali", "Noor", "+971506666666");
        var mistake = await world.CreateApplicantAsync("agent", "Typo", "Person", "+971507777777");
        await SeedViewingAsync(world, withViewing);

        var refused = await world.As("agent", HttpMethod.Delete, $"{Applicants}/{withViewing}");
        var deleted = await world.As("agent", HttpMethod.Delete, $"{Applicants}/{mistake}");
        var gone = await world.As("agent", HttpMethod.Get, $"{Applicants}/{mistake}");

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("viewings", refused.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
        Assert.Single(await world.Api.AuditAsync("applicant.deleted", mistake));
    }

    [Fact]
    public async Task Requirements_are_added_replaced_with_their_etag_and_removed()
    {
        await using var world = await CrmWorld.StartAsync();
        var id = await world.CreateApplicantAsync("agent", "Yusuf", "Amin", "+971508888888");

        var added = await world.As("agent", HttpMethod.Post, $"{Applicants}/{id}/requirements", new
        {
            purpose = "sale", propertyTypes = new[] { "Apartment" }, locationIds = new[] { world.Places["dubai-marina"] }, bedroomsMin = 2, budgetMax = 250_000_000L,
        });
        var requirementId = added.Body.GetProperty("id").GetGuid();
        var replaced = await world.As("agent", HttpMethod.Put, $"{Applicants}/{id}/requirements/{requirementId}", new { purpose = "rent", bedroomsMin = 1 }, added.ETag);
        var stale = await world.As("agent", HttpMethod.Put, $"{Applicants}/{id}/requirements/{requirementId}", new { purpose = "rent" }, added.ETag);
        var removed = await world.As("agent", HttpMethod.Delete, $"{Applicants}/{id}/requirements/{requirementId}");
        var read = await world.As("agent", HttpMethod.Get, $"{Applicants}/{id}");

        Assert.Equal(HttpStatusCode.Created, added.Status);
        Assert.Equal("apartment", added.Body.GetProperty("propertyTypes")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.Equal("rent", replaced.Body.GetProperty("purpose").GetString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        Assert.Equal(0, read.Body.GetProperty("requirements").GetArrayLength());
    }

    internal static async Task<Guid> SeedViewingAsync(CrmWorld world, Guid applicantId)
    {
        await using var db = world.Api.Host.Database.CreatePaceDbContext();
        var now = world.Api.Host.Clock.Now;
        var agent = world.People["agent"].Id;
        var listing = new Pace.Listings.Listing
        {
            Reference = "AA-S-" + Random.Shared.Next(100_000, 999_999), PropertyType = "apartment", TitleEn = "Marina view", DescriptionEn = "Two beds.",
            LocationId = world.Places["marina-gate-1"], ListingAgentId = agent, PriceMinor = 200_000_000, SizeSqft = 1200, Bedrooms = 2,
            Status = Pace.Listings.ListingStatus.Live, StatusChangedAt = now, CreatedAt = now, UpdatedAt = now,
        };
        db.Listings.Add(listing);
        var viewing = new Viewing
        {
            ListingId = listing.Id, ApplicantId = applicantId, AgentId = agent, StartsAt = now.AddDays(1), EndsAt = now.AddDays(1).AddMinutes(30),
            CreatedById = agent, CreatedAt = now, UpdatedAt = now,
        };
        db.Viewings.Add(viewing);
        db.Activities.Add(new Activity { Kind = ActivityKind.Viewing, ApplicantId = applicantId, ListingId = listing.Id, ViewingId = viewing.Id, OccurredAt = now, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync();
        return viewing.Id;
    }

    internal static async Task<int> CountAsync(CrmWorld world, Func<Pace.Data.PaceDbContext, Task<int>> count)
    {
        await using var db = world.Api.Host.Database.CreatePaceDbContext();
        return await count(db);
    }

    internal static Task<int> ActivitiesOfAsync(CrmWorld world, Guid applicantId) =>
        CountAsync(world, db => db.Activities.CountAsync(a => a.ApplicantId == applicantId));
}
