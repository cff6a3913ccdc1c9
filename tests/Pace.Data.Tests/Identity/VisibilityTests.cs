using Microsoft.EntityFrameworkCore;
using Pace.Data.Identity;
using Pace.Data.Seed;
using Pace.Data.Tests.Seed;
using Pace.Identity;
using Pace.Listings;

namespace Pace.Data.Tests.Identity;

/// <summary>Who sees which applicants and listings, checked on the demo brokerage.</summary>
public sealed class VisibilityTests(SeededDatabase seeded) : IClassFixture<SeededDatabase>
{
    [Fact]
    public async Task An_agent_sees_exactly_the_applicants_assigned_to_them()
    {
        await using var db = seeded.Database.CreatePaceDbContext();
        var agent = await ActorAsync(db, DemoAccounts.Agent);

        var visible = await db.Applicants.VisibleTo(agent, db.Users).Select(a => a.AssignedAgentId).ToListAsync();

        Assert.NotEmpty(visible);
        Assert.All(visible, id => Assert.Equal(agent.UserId, id));
        Assert.Equal(await db.Applicants.CountAsync(a => a.AssignedAgentId == agent.UserId), visible.Count);
    }

    [Fact]
    public async Task Another_agents_applicant_is_not_found()
    {
        await using var db = seeded.Database.CreatePaceDbContext();
        var agent2 = await ActorAsync(db, DemoAccounts.Agent2);
        var agentId = (await ActorAsync(db, DemoAccounts.Agent)).UserId;
        var theirs = await db.Applicants.Where(a => a.AssignedAgentId == agentId).Select(a => a.Id).FirstAsync();

        var found = await db.Applicants.VisibleTo(agent2, db.Users).AnyAsync(a => a.Id == theirs);

        Assert.False(found);
    }

    [Fact]
    public async Task A_manager_sees_their_teams_applicants_and_unassigned_leads_but_no_other_team()
    {
        await using var db = seeded.Database.CreatePaceDbContext();
        var manager = await ActorAsync(db, DemoAccounts.Manager);
        var team = await db.Users.Where(u => u.TeamId == manager.TeamId).Select(u => (Guid?)u.Id).ToListAsync();

        var visible = await db.Applicants.VisibleTo(manager, db.Users).Select(a => a.AssignedAgentId).ToListAsync();

        Assert.All(visible, id => Assert.True(id is null || team.Contains(id)));
        Assert.Equal(
            await db.Applicants.CountAsync(a => a.AssignedAgentId == null || team.Contains(a.AssignedAgentId)),
            visible.Count);
        var agent = (await ActorAsync(db, DemoAccounts.Agent)).UserId;
        var agent2 = (await ActorAsync(db, DemoAccounts.Agent2)).UserId;
        Assert.Contains(visible, id => id == agent);
        Assert.DoesNotContain(visible, id => id == agent2);
    }

    [Fact]
    public async Task An_admin_and_the_export_client_see_everyone_and_other_machines_no_one()
    {
        await using var db = seeded.Database.CreatePaceDbContext();
        var admin = await ActorAsync(db, DemoAccounts.Admin);
        var all = await db.Applicants.CountAsync();

        Assert.Equal(all, await db.Applicants.VisibleTo(admin, db.Users).CountAsync());
        Assert.Equal(all, await db.Applicants.VisibleTo(Machine(Visibility.ExportScope), db.Users).CountAsync());
        Assert.Equal(0, await db.Applicants.VisibleTo(Machine("ai"), db.Users).CountAsync());
        Assert.Equal(0, await db.Applicants.VisibleTo(Machine(Visibility.PortalScope), db.Users).CountAsync());
    }

    [Fact]
    public async Task Every_agent_reads_the_inventory_but_only_their_own_drafts()
    {
        await using var db = seeded.Database.CreatePaceDbContext();
        var agent2 = await ActorAsync(db, DemoAccounts.Agent2);

        var visible = await db.Listings.VisibleTo(agent2, db.Users).Select(l => new { l.Status, l.ListingAgentId }).ToListAsync();

        Assert.Equal(await db.Listings.CountAsync(l => Visibility.InventoryStatuses.Contains(l.Status)),
            visible.Count(l => Visibility.InventoryStatuses.Contains(l.Status)));
        Assert.All(visible.Where(l => !Visibility.InventoryStatuses.Contains(l.Status)), l => Assert.Equal(agent2.UserId, l.ListingAgentId));
        Assert.Contains(visible, l => l.ListingAgentId != agent2.UserId);
    }

    [Fact]
    public async Task The_website_reads_live_listings_only()
    {
        await using var db = seeded.Database.CreatePaceDbContext();

        var statuses = await db.Listings.VisibleTo(Machine(Visibility.PortalScope), db.Users).Select(l => l.Status).Distinct().ToListAsync();

        Assert.Equal([ListingStatus.Live], statuses);
    }

    [Fact]
    public async Task A_listing_is_edited_by_its_agent_their_manager_or_an_admin()
    {
        await using var db = seeded.Database.CreatePaceDbContext();
        var agent = await ActorAsync(db, DemoAccounts.Agent);
        var agent2 = await ActorAsync(db, DemoAccounts.Agent2);
        var manager = await ActorAsync(db, DemoAccounts.Manager);
        var admin = await ActorAsync(db, DemoAccounts.Admin);
        var listing = await db.Listings.FirstAsync(l => l.ListingAgentId == agent.UserId);

        Assert.True(await db.Listings.EditableBy(agent, db.Users).AnyAsync(l => l.Id == listing.Id));
        Assert.True(await db.Listings.EditableBy(manager, db.Users).AnyAsync(l => l.Id == listing.Id));
        Assert.True(await db.Listings.EditableBy(admin, db.Users).AnyAsync(l => l.Id == listing.Id));
        Assert.False(await db.Listings.EditableBy(agent2, db.Users).AnyAsync(l => l.Id == listing.Id));

        Assert.True(agent.MaySeeOwnerOf(listing, agent.TeamId));
        Assert.True(manager.MaySeeOwnerOf(listing, agent.TeamId));
        Assert.True(admin.MaySeeOwnerOf(listing, agent.TeamId));
        Assert.False(agent2.MaySeeOwnerOf(listing, agent.TeamId));
    }

    private static async Task<Actor> ActorAsync(PaceDbContext db, string email)
    {
        var user = await db.Users.SingleAsync(u => u.Email == email);
        return Actor.Person(user.Id, user.Role, user.TeamId);
    }

    private static Actor Machine(string scope) => new(null, null, null, "client", new HashSet<string>([scope], StringComparer.Ordinal));
}
