using System.Net;
using Microsoft.EntityFrameworkCore;
using Pace.Activities;
using Pace.Applicants;
using Pace.Web.Tests.Crm;

namespace Pace.Web.Tests.Activities;

/// <summary>Timelines and logging activities through HTTP.</summary>
public sealed class TimelineTests
{
    [Fact]
    public async Task An_applicants_timeline_is_newest_first_in_keyset_pages_that_split_ties_cleanly_and_filters_by_kind()
    {
        await using var world = await CrmWorld.StartAsync();
        var applicant = await world.SeedApplicantAsync(world.Agent, ApplicantStage.Qualified);
        var at = world.Now.AddHours(-5);
        // Three entries share one instant, so a page boundary falls inside the tie.
        var times = new[] { at, at.AddMinutes(10), at.AddMinutes(10), at.AddMinutes(10), at.AddMinutes(30), at.AddHours(1), at.AddHours(2) };
        var kinds = new[] { "note", "call", "note", "email", "note", "call", "whatsapp" };
        for (var i = 0; i < times.Length; i++)
        {
            var logged = await world.PostAsync(world.Agent, "/api/v1/activities", new
            {
                kind = kinds[i], applicantId = applicant, direction = kinds[i] == "note" ? null : "inbound", body = $"Entry {i}", occurredAt = times[i],
            });
            Assert.Equal(HttpStatusCode.Created, logged.Status);
        }

        var pages = new List<List<(Guid Id, DateTimeOffset At)>>();
        string? cursor = null;
        do
        {
            var page = await world.GetAsync(world.Agent, $"/api/v1/applicants/{applicant}/timeline?limit=3" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            pages.Add(page.Body.GetProperty("items").EnumerateArray()
                .Select(i => (i.GetProperty("id").GetGuid(), i.GetProperty("occurredAt").GetDateTimeOffset())).ToList());
            cursor = page.Body.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        var all = pages.SelectMany(p => p).ToList();
        var calls = await world.GetAsync(world.Agent, $"/api/v1/applicants/{applicant}/timeline?kinds=call&kinds=whatsapp");
        var commaSeparated = await world.GetAsync(world.Agent, $"/api/v1/applicants/{applicant}/timeline?kinds=call,whatsapp");
        var unknownKind = await world.GetAsync(world.Agent, $"/api/v1/applicants/{applicant}/timeline?kinds=fax");
        var badCursor = await world.GetAsync(world.Agent, $"/api/v1/applicants/{applicant}/timeline?cursor=nonsense");

        Assert.Equal([3, 3, 1], pages.Select(p => p.Count));
        Assert.Equal(times.Length, all.Select(e => e.Id).Distinct().Count());
        Assert.Equal(times.OrderByDescending(t => t), all.Select(e => e.At));
        Assert.Equal(["whatsapp", "call", "call"], calls.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()));
        Assert.Equal(3, commaSeparated.Body.GetProperty("items").GetArrayLength());
        Assert.Equal(["kinds"], unknownKind.ErrorFields);
        Assert.Equal(["cursor"], badCursor.ErrorFields);
    }

    [Fact]
    public async Task Logging_an_outbound_call_moves_a_new_applicant_to_contacted_while_inbound_messages_notes_and_sms_do_not()
    {
        await using var world = await CrmWorld.StartAsync();
        var called = await world.SeedApplicantAsync(world.Agent, ApplicantStage.New);
        var wroteToUs = await world.SeedApplicantAsync(world.Agent, ApplicantStage.New);
        var noted = await world.SeedApplicantAsync(world.Agent, ApplicantStage.New);
        var texted = await world.SeedApplicantAsync(world.Agent, ApplicantStage.New);
        var qualified = await world.SeedApplicantAsync(world.Agent, ApplicantStage.Qualified);
        var callTime = world.Now.AddMinutes(-3);

        var call = await world.PostAsync(world.Agent, "/api/v1/activities", new
        {
            kind = "call", applicantId = called, direction = "outbound", durationSeconds = 185, outcome = "answered", body = "Wants a 2BR in the Marina.",
            occurredAt = callTime,
        });
        await world.PostAsync(world.Agent, "/api/v1/activities", new { kind = "whatsapp", applicantId = wroteToUs, direction = "inbound", body = "Hi, is it available?" });
        await world.PostAsync(world.Agent, "/api/v1/activities", new { kind = "note", applicantId = noted, body = "Prefers Arabic." });
        await world.PostAsync(world.Agent, "/api/v1/activities", new { kind = "sms", applicantId = texted, direction = "outbound", body = "Please call back." });
        await world.PostAsync(world.Agent, "/api/v1/activities", new { kind = "email", applicantId = qualified, direction = "outbound", subject = "Shortlist" });

        Assert.Equal(HttpStatusCode.Created, call.Status);
        Assert.Equal("call", call.Text("kind"));
        Assert.Equal(185, call.Body.GetProperty("data").GetProperty("durationSeconds").GetInt32());
        Assert.Equal("answered", call.Body.GetProperty("data").GetProperty("outcome").GetString());
        Assert.Equal(world.Agent.Id, call.Body.GetProperty("user").GetProperty("id").GetGuid());
        Assert.Equal("agent", call.Body.GetProperty("user").GetProperty("name").GetString());
        var stages = await world.ReadAsync(db => db.Applicants.ToDictionaryAsync(a => a.Id));
        Assert.Equal(ApplicantStage.Contacted, stages[called].Stage);
        Assert.Equal(callTime, stages[called].LastActivityAt);
        Assert.Equal(world.Now, stages[called].FirstContactedAt);
        Assert.Equal(ApplicantStage.New, stages[wroteToUs].Stage);
        Assert.NotNull(stages[wroteToUs].LastActivityAt);
        Assert.Equal(ApplicantStage.New, stages[noted].Stage);
        Assert.Equal(ApplicantStage.New, stages[texted].Stage);
        Assert.Equal(ApplicantStage.Qualified, stages[qualified].Stage);
        var timeline = await world.GetAsync(world.Agent, $"/api/v1/applicants/{called}/timeline");
        Assert.Equal(["stage_change", "call"], timeline.Body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Invalid_activities_are_answered_400_naming_the_field()
    {
        await using var world = await CrmWorld.StartAsync();
        var applicant = await world.SeedApplicantAsync(world.Agent);
        var othersApplicant = await world.SeedApplicantAsync(world.OtherAgent);

        async Task<IReadOnlyList<string>> FieldsAsync(object body) => (await world.PostAsync(world.Agent, "/api/v1/activities", body)).ErrorFields;

        Assert.Equal(["body"], await FieldsAsync(new { kind = "note", applicantId = applicant }));
        Assert.Equal(["direction"], await FieldsAsync(new { kind = "call", applicantId = applicant }));
        Assert.Equal(["direction"], await FieldsAsync(new { kind = "note", applicantId = applicant, body = "x", direction = "inbound" }));
        Assert.Equal(["outcome"], await FieldsAsync(new { kind = "call", applicantId = applicant, direction = "outbound", outcome = "maybe" }));
        Assert.Equal(["durationSeconds"], await FieldsAsync(new { kind = "email", applicantId = applicant, direction = "outbound", durationSeconds = 5 }));
        Assert.Equal(["kind"], await FieldsAsync(new { kind = "stage_change", applicantId = applicant }));
        Assert.Equal(["applicantId"], await FieldsAsync(new { kind = "note", body = "x" }));
        Assert.Equal(["applicantId"], await FieldsAsync(new { kind = "note", applicantId = othersApplicant, body = "x" }));
        Assert.Equal(["occurredAt"], await FieldsAsync(new { kind = "note", applicantId = applicant, body = "x", occurredAt = world.Now.AddHours(1) }));
        Assert.Equal(["body"], await FieldsAsync(new { kind = "note", applicantId = applicant, body = new string('x', 10_001) }));
    }

    [Fact]
    public async Task A_listings_timeline_shows_entries_about_applicants_only_to_those_who_see_them_or_run_the_listing()
    {
        await using var world = await CrmWorld.StartAsync();
        var listing = await world.SeedListingAsync(world.Agent);
        var othersApplicant = await world.SeedApplicantAsync(world.OtherAgent);
        await world.PostAsync(world.OtherAgent, "/api/v1/activities",
            new { kind = "call", applicantId = othersApplicant, listingId = listing, direction = "outbound", body = "Asked about the service charge." });
        await world.PostAsync(world.Agent, "/api/v1/activities", new { kind = "note", listingId = listing, body = "Keys at the concierge." });

        async Task<int> CountAsync(Staff who) =>
            (await world.GetAsync(who, $"/api/v1/listings/{listing}/timeline")).Body.GetProperty("items").GetArrayLength();

        Assert.Equal(2, await CountAsync(world.Agent));
        Assert.Equal(2, await CountAsync(world.Manager));
        Assert.Equal(2, await CountAsync(world.OtherAgent));
        Assert.Equal(1, await CountAsync(world.Teammate));
        Assert.Equal(2, await CountAsync(world.Admin));
    }

    [Fact]
    public async Task Another_agents_applicant_or_unlisted_listing_has_no_timeline_for_you()
    {
        await using var world = await CrmWorld.StartAsync();
        var applicant = await world.SeedApplicantAsync(world.Agent);
        var draft = await world.SeedListingAsync(world.Agent, Pace.Listings.ListingStatus.Draft);

        Assert.Equal(HttpStatusCode.OK, (await world.GetAsync(world.Agent, $"/api/v1/applicants/{applicant}/timeline")).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.GetAsync(world.Manager, $"/api/v1/applicants/{applicant}/timeline")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await world.GetAsync(world.Teammate, $"/api/v1/applicants/{applicant}/timeline")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await world.GetAsync(world.OtherManager, $"/api/v1/applicants/{applicant}/timeline")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await world.GetAsync(world.Teammate, $"/api/v1/listings/{draft}/timeline")).Status);
        Assert.Equal(HttpStatusCode.OK, (await world.GetAsync(world.Manager, $"/api/v1/listings/{draft}/timeline")).Status);
        Assert.Equal(0, await world.ReadAsync(db => db.Activities.CountAsync(a => a.Kind == ActivityKind.StageChange)));
    }
}
