using Microsoft.EntityFrameworkCore;
using Pace.Testing;
using Pace.Applicants;
using Pace.Common;
using Pace.Data.Seed;
using Pace.Identity;
using Pace.Listings;

namespace Pace.Data.Tests.Seed;

public sealed class DemoSeederTests(SeededDatabase seeded) : IClassFixture<SeededDatabase>
{
    private static readonly DateOnly DubaiToday = DateOnly.FromDateTime(SeededDatabase.Now.UtcDateTime.AddHours(4));

    [Fact]
    public async Task Seeding_an_empty_database_loads_the_demo_brokerage()
    {
        Assert.True(seeded.Seeded);
        Assert.Equal(5L, await seeded.ScalarAsync<long>("SELECT count(*) FROM teams"));
        Assert.Equal(41L, await seeded.ScalarAsync<long>("SELECT count(*) FROM users"));
        Assert.Equal(1_500L, await seeded.ScalarAsync<long>("SELECT count(*) FROM listings"));
        Assert.Equal(5_000L, await seeded.ScalarAsync<long>("SELECT count(*) FROM applicants WHERE kind = 'applicant'"));
        Assert.InRange(await seeded.ScalarAsync<long>("SELECT count(*) FROM applicants WHERE kind = 'owner'"), 800L, 1_500L);
        Assert.InRange(await seeded.ScalarAsync<long>("SELECT count(*) FROM activities"), 30_000L, 60_000L);
        Assert.InRange(await seeded.ScalarAsync<long>("SELECT count(*) FROM viewings"), 1_500L, 8_000L);
        Assert.True(await seeded.ScalarAsync<long>("SELECT count(*) FROM offers") > 100);
        Assert.True(await seeded.ScalarAsync<long>("SELECT count(*) FROM deals") > 50);
        Assert.True(await seeded.ScalarAsync<long>("SELECT count(*) FROM locations WHERE level = 'building'") > 300);
        Assert.True(await seeded.ScalarAsync<long>("SELECT count(*) FROM listing_media") > 10_000);
        Assert.Equal(18L, await seeded.ScalarAsync<long>("SELECT count(*) FROM locations WHERE level = 'community'"));
        foreach (var kind in new[] { "property_type", "amenity", "lost_reason", "language", "nationality" })
        {
            Assert.True(await seeded.ScalarAsync<long>("SELECT count(*) FROM reference_values WHERE kind = @kind", ("kind", kind)) > 5, kind);
        }
    }

    [Fact]
    public async Task Seeding_twice_loads_once()
    {
        var before = await seeded.ScalarAsync<long>("SELECT count(*) FROM activities");

        var again = await DemoSeeder.SeedIfEmptyAsync(seeded.Database.ConnectionString, new TestClock(SeededDatabase.Now.AddDays(1)));

        Assert.False(again);
        Assert.Equal(41L, await seeded.ScalarAsync<long>("SELECT count(*) FROM users"));
        Assert.Equal(before, await seeded.ScalarAsync<long>("SELECT count(*) FROM activities"));
    }

    [Fact]
    public async Task The_fixed_accounts_have_their_roles_and_teams()
    {
        await using var context = seeded.Database.CreatePaceDbContext();
        var users = await context.Users.Include(u => u.Team).ToDictionaryAsync(u => u.Email);
        var marina = await context.Teams.Include(t => t.Manager).SingleAsync(t => t.Name == "Marina");

        Assert.Equal(UserRole.Admin, users["admin@allsop.example"].Role);
        Assert.Null(users["admin@allsop.example"].TeamId);
        Assert.Equal(UserRole.Manager, users["manager@allsop.example"].Role);
        Assert.Equal("manager@allsop.example", marina.Manager!.Email);
        Assert.Equal(UserRole.Agent, users["agent@allsop.example"].Role);
        Assert.Equal("Marina", users["agent@allsop.example"].Team!.Name);
        Assert.Equal(UserRole.Agent, users["agent2@allsop.example"].Role);
        Assert.NotEqual("Marina", users["agent2@allsop.example"].Team!.Name);
        Assert.All(await context.Teams.ToListAsync(), t => Assert.NotNull(t.ManagerId));
        Assert.Equal(5, users.Values.Count(u => u.Role == UserRole.Manager));
        Assert.Single(users.Values, u => u.Role == UserRole.Admin);
    }

    [Fact]
    public async Task Staff_have_workspace_emails_uae_mobiles_and_broker_cards()
    {
        await using var context = seeded.Database.CreatePaceDbContext();
        var staff = await context.Users.ToListAsync();

        Assert.All(staff, u => Assert.Matches("^[a-z0-9]+(\\.[a-z0-9]+)?@allsop\\.example$", u.Email));
        Assert.All(staff, u => Assert.Matches("^\\+9715[05][0-9]{7}$", u.Phone!));
        Assert.All(staff.Where(u => u.Role != UserRole.Admin), u =>
        {
            Assert.Matches("^[0-9]{5}$", u.BrokerRegistrationNumber!);
            Assert.NotNull(u.BrokerRegistrationExpiresOn);
        });
        Assert.Equal(staff.Count, staff.Select(u => u.Phone).Distinct().Count());
    }

    [Fact]
    public async Task Every_listing_reference_is_unique_and_follows_the_pattern()
    {
        Assert.Equal(0L, await seeded.ScalarAsync<long>(
            "SELECT count(*) FROM listings WHERE reference !~ '^AA-[SR]-[0-9]{5,}$' OR (purpose = 'sale') <> (reference LIKE 'AA-S-%')"));
        Assert.Equal(1_500L, await seeded.ScalarAsync<long>("SELECT count(DISTINCT reference) FROM listings"));
    }

    [Fact]
    public async Task Live_listings_have_unexpired_permits_matching_their_price_and_size()
    {
        Assert.True(await seeded.ScalarAsync<long>("SELECT count(*) FROM listings WHERE status = 'live'") > 700);
        Assert.Equal(0L, await seeded.ScalarAsync<long>("""
            SELECT count(*) FROM listings
            WHERE status = 'live'
              AND NOT (permit_type = 'rera' AND permit_number ~ '^[0-9]{10}$' AND permit_expires_on > @today
                       AND permit_issued_on <= @today AND permit_price_minor = price_minor AND permit_size_sqft = size_sqft)
            """, ("today", DubaiToday)));
        Assert.True(await seeded.ScalarAsync<long>("SELECT count(*) FROM listings WHERE status <> 'live' AND permit_expires_on <= @today", ("today", DubaiToday)) > 0);
    }

    [Fact]
    public async Task Listings_are_priced_and_sized_for_their_community()
    {
        // Minor units: a studio in JVC is not AED 50k and a villa on the Palm is not AED 500k.
        Assert.Equal(0L, await seeded.ScalarAsync<long>("SELECT count(*) FROM listings WHERE purpose = 'sale' AND NOT price_minor BETWEEN 25000000 AND 40000000000"));
        Assert.Equal(0L, await seeded.ScalarAsync<long>("SELECT count(*) FROM listings WHERE purpose = 'rent' AND rent_frequency = 'yearly' AND NOT price_minor BETWEEN 2500000 AND 500000000"));
        Assert.Equal(0L, await seeded.ScalarAsync<long>("SELECT count(*) FROM listings WHERE bedrooms NOT BETWEEN 0 AND 6"));
        Assert.True(await seeded.ScalarAsync<long>("SELECT count(*) FROM listings WHERE purpose = 'rent' AND rent_frequency = 'yearly'")
            > await seeded.ScalarAsync<long>("SELECT count(*) FROM listings WHERE rent_frequency = 'monthly'"));
        var statuses = await seeded.ScalarAsync<long>("SELECT count(DISTINCT status) FROM listings");
        Assert.Equal(8L, statuses);
    }

    [Fact]
    public async Task No_agent_has_overlapping_viewings()
    {
        Assert.Equal(0L, await seeded.ScalarAsync<long>("""
            SELECT count(*) FROM viewings a JOIN viewings b
              ON a.agent_id = b.agent_id AND a.id < b.id
             AND tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
            """));
    }

    [Fact]
    public async Task Viewings_are_rated_when_completed_and_open_only_in_the_future()
    {
        var now = SeededDatabase.Now;
        Assert.Equal(0L, await seeded.ScalarAsync<long>("SELECT count(*) FROM viewings WHERE (rating IS NOT NULL) <> (status = 'completed')"));
        Assert.Equal(0L, await seeded.ScalarAsync<long>("SELECT count(*) FROM viewings WHERE status IN ('completed', 'no_show') AND ends_at > @now", ("now", now)));
        Assert.Equal(0L, await seeded.ScalarAsync<long>("SELECT count(*) FROM viewings WHERE status IN ('scheduled', 'confirmed') AND starts_at < @now", ("now", now)));
        Assert.Equal(0L, await seeded.ScalarAsync<long>("SELECT count(*) FROM viewings WHERE created_at > @now OR created_at > starts_at", ("now", now)));
    }

    [Fact]
    public async Task Nothing_happened_after_now()
    {
        var now = SeededDatabase.Now;
        foreach (var (table, column) in new[] { ("activities", "occurred_at"), ("applicants", "created_at"), ("applicants", "updated_at"), ("listings", "updated_at"), ("offers", "created_at"), ("deals", "closed_at"), ("activities", "completed_at") })
        {
            Assert.Equal(0L, await seeded.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {column} > @now", ("now", now)));
        }

        Assert.True(await seeded.ScalarAsync<long>("SELECT count(*) FROM activities WHERE occurred_at >= @from", ("from", now.AddDays(-90)))
            > await seeded.ScalarAsync<long>("SELECT count(*) FROM activities WHERE occurred_at < @from", ("from", now.AddDays(-90))));
        Assert.True(await seeded.ScalarAsync<long>("SELECT count(DISTINCT created_at) FROM applicants") > 5_000);
    }

    [Fact]
    public async Task Timestamps_run_forwards()
    {
        foreach (var check in new[]
        {
            "SELECT count(*) FROM applicants WHERE updated_at < created_at OR stage_changed_at < created_at OR assigned_at < created_at OR first_contacted_at < assigned_at",
            "SELECT count(*) FROM listings WHERE updated_at < created_at OR status_changed_at < created_at OR published_at < created_at OR permit_expires_on <= permit_issued_on",
            "SELECT count(*) FROM viewings WHERE updated_at < created_at",
            "SELECT count(*) FROM offers WHERE decided_at < created_at OR updated_at < created_at",
            "SELECT count(*) FROM deals d JOIN offers o ON o.id = d.offer_id WHERE d.closed_at < o.created_at OR d.created_at < o.created_at",
            "SELECT count(*) FROM activities WHERE completed_at < occurred_at OR due_at < occurred_at OR updated_at < created_at",
            "SELECT count(*) FROM activities a JOIN applicants p ON p.id = a.applicant_id WHERE a.occurred_at < p.created_at",
            "SELECT count(*) FROM applicants p WHERE last_activity_at IS DISTINCT FROM (SELECT max(occurred_at) FROM activities a WHERE a.applicant_id = p.id) AND kind = 'applicant'",
            "SELECT count(*) FROM users WHERE deactivated_at < created_at OR (is_active = (deactivated_at IS NOT NULL))",
        })
        {
            Assert.True(0L == await seeded.ScalarAsync<long>(check), check);
        }
    }

    [Fact]
    public async Task The_fixed_agents_have_a_day_of_viewings_and_tasks()
    {
        var now = SeededDatabase.Now;
        var endOfToday = new DateTimeOffset(DubaiToday.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-4);
        foreach (var email in new[] { "agent@allsop.example", "agent2@allsop.example", "manager@allsop.example" })
        {
            var id = await seeded.ScalarAsync<Guid>("SELECT id FROM users WHERE email = @email", ("email", email));
            (string Name, object Value) user = ("user", id);
            Assert.True(await seeded.ScalarAsync<long>(
                "SELECT count(*) FROM viewings WHERE agent_id = @user AND status IN ('scheduled', 'confirmed') AND starts_at BETWEEN @now AND @end",
                user, ("now", now), ("end", endOfToday)) >= 1, email + ": a viewing later today");
            Assert.True(await seeded.ScalarAsync<long>(
                "SELECT count(*) FROM viewings WHERE agent_id = @user AND status IN ('scheduled', 'confirmed') AND starts_at BETWEEN @end AND @week",
                user, ("end", endOfToday), ("week", endOfToday.AddDays(6))) >= 2, email + ": viewings this week");
            Assert.True(await seeded.ScalarAsync<long>(
                "SELECT count(*) FROM activities WHERE user_id = @user AND kind = 'task' AND completed_at IS NULL AND due_at BETWEEN @now AND @end",
                user, ("now", now), ("end", endOfToday)) >= 1, email + ": a task due today");
            Assert.True(await seeded.ScalarAsync<long>(
                "SELECT count(*) FROM activities WHERE user_id = @user AND kind = 'task' AND completed_at IS NULL AND due_at < @now",
                user, ("now", now)) >= 1, email + ": an overdue task");
        }

        var agent = await seeded.ScalarAsync<Guid>("SELECT id FROM users WHERE email = 'agent@allsop.example'");
        Assert.True(await seeded.ScalarAsync<long>("SELECT count(*) FROM applicants WHERE assigned_agent_id = @agent", ("agent", agent)) >= 100);
        Assert.True(await seeded.ScalarAsync<long>("SELECT count(*) FROM listings WHERE listing_agent_id = @agent AND status = 'live'", ("agent", agent)) >= 20);
        Assert.True(await seeded.ScalarAsync<long>("SELECT count(*) FROM activities WHERE user_id = @agent", ("agent", agent)) >= 1_000);
        Assert.True(await seeded.ScalarAsync<long>("""
            SELECT count(*) FROM listing_approvals a JOIN users u ON u.id = a.requested_by_id JOIN teams t ON t.id = u.team_id
            WHERE a.decision = 'pending' AND t.name = 'Marina'
            """) >= 1);
    }

    [Fact]
    public async Task Applicants_cover_every_stage_and_source_with_reasons_for_the_lost()
    {
        Assert.Equal(7L, await seeded.ScalarAsync<long>("SELECT count(DISTINCT stage) FROM applicants WHERE kind = 'applicant'"));
        Assert.True(await seeded.ScalarAsync<long>("SELECT count(DISTINCT source) FROM applicants") >= 10);
        Assert.Equal(0L, await seeded.ScalarAsync<long>(
            "SELECT count(*) FROM applicants a WHERE lost_reason IS NOT NULL AND NOT EXISTS (SELECT 1 FROM reference_values r WHERE r.kind = 'lost_reason' AND r.code = a.lost_reason)"));
        Assert.InRange(await seeded.ScalarAsync<long>("SELECT count(*) FROM applicants WHERE kind = 'applicant' AND assigned_agent_id IS NULL"), 5L, 200L);
        Assert.Equal(0L, await seeded.ScalarAsync<long>("SELECT count(*) FROM applicants WHERE stage <> 'new' AND assigned_agent_id IS NOT NULL AND merged_into_id IS NULL AND first_contacted_at IS NULL AND coalesce(lost_reason, '') NOT IN ('not-responding', 'invalid-contact', 'not-genuine')"));
        Assert.True(await seeded.ScalarAsync<long>("SELECT count(*) FROM applicant_phones WHERE number NOT LIKE '+971%'") > 100);
        Assert.True(await seeded.ScalarAsync<long>("SELECT count(*) FROM (SELECT applicant_id FROM applicant_phones GROUP BY applicant_id HAVING count(*) > 1) p") > 100);
        Assert.Equal(0L, await seeded.ScalarAsync<long>(
            "SELECT count(*) FROM activities WHERE kind = 'stage_change' AND NOT (data ? 'from' AND data ? 'to')"));
        Assert.Equal(0L, await seeded.ScalarAsync<long>(
            "SELECT count(*) FROM activities WHERE kind = 'call' AND NOT (data ? 'durationSeconds')"));
    }

    [Fact]
    public async Task Generated_rows_read_back_through_ef()
    {
        await using var context = seeded.Database.CreatePaceDbContext();
        var locations = await context.Locations.Select(l => l.Id).ToListAsync();
        var applicants = await context.Applicants
            .Include(a => a.Phones).Include(a => a.Emails).Include(a => a.Requirements).Include(a => a.Consents)
            .Where(a => a.Kind == ContactKind.Applicant && a.Requirements.Count > 0)
            .OrderBy(a => a.Id).Take(200).AsSplitQuery().ToListAsync();
        var listings = await context.Listings.Include(l => l.Media).Include(l => l.Location).Include(l => l.ListingAgent)
            .Where(l => l.Status == ListingStatus.Live).OrderBy(l => l.Reference).Take(50).AsSplitQuery().ToListAsync();

        Assert.Equal(200, applicants.Count);
        Assert.All(applicants, a =>
        {
            Assert.Equal($"{a.FirstName} {a.LastName}".Trim(), a.FullName);
            Assert.NotEmpty(a.Phones);
            Assert.All(a.Phones, p => Assert.Equal(p.Number, PhoneNumber.Parse(p.Number).Value));
            Assert.All(a.Emails, e => Assert.Equal(e.Address.ToLowerInvariant(), e.Address));
            Assert.True(Enum.IsDefined(a.Stage));
            Assert.Equal(a.Stage == ApplicantStage.Lost, a.LostReason is not null);
            Assert.All(a.Requirements, r =>
            {
                Assert.NotEmpty(r.LocationIds);
                Assert.All(r.LocationIds, id => Assert.Contains(id, locations));
                Assert.NotEmpty(r.PropertyTypes);
                Assert.True(r.BudgetMax > 0);
                Assert.True(r.BudgetMin is null || r.BudgetMin < r.BudgetMax);
            });
            Assert.NotEqual(0u, a.Version);
        });
        Assert.Contains(applicants, a => a.Requirements.Any(r => r.Purpose == Purpose.Rent));
        Assert.Contains(applicants, a => a.Consents.Any(c => c.Channel == ConsentChannel.WhatsApp));
        Assert.All(listings, l =>
        {
            Assert.NotNull(l.Location);
            Assert.NotEmpty(l.Media);
            Assert.NotEmpty(l.Amenities);
            // Photos and floor plans are the painted pictures pace-web stores (Media:DemoPhotos), each once per listing.
            var stored = l.Media.Where(m => m.StorageKey is not null).ToList();
            Assert.All(stored, m => Assert.Contains(m.StorageKey, DemoPhotos.All.Select(p => p.Key.ToString())));
            Assert.All(stored, m => Assert.Equal("/media/" + m.StorageKey, m.Url));
            Assert.Equal(stored.Count, stored.Select(m => m.StorageKey).Distinct().Count());
            Assert.True(l.TitleEn.Length is > 10 and <= 200);
            Assert.Equal(l.Purpose == Purpose.Rent, l.RentFrequency is not null);
        });
    }
}
