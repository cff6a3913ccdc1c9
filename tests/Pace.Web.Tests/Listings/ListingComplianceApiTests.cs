using System.Net;
using Pace.Listings;

namespace Pace.Web.Tests.Listings;

/// <summary>No Dubai listing goes live without a current RERA permit whose price and size are the listing's.</summary>
public sealed class ListingComplianceApiTests
{
    [Fact]
    public async Task A_Dubai_listing_without_a_permit_cannot_be_submitted()
    {
        await using var world = await ListingWorld.StartAsync();
        var created = await world.CreateListingAsync("agent", ("permitType", null), ("permitNumber", null));

        var submitted = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{created.Id}/submit");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, submitted.Status);
        Assert.Equal([ListingCompliance.PermitMissing], submitted.ProblemCodes);
        Assert.Contains("cannot go live without a RERA/DLD (Trakheesi) advertising permit", submitted.Text("detail"), StringComparison.Ordinal);
        Assert.Equal("draft", (await world.GetAsync("agent", $"/api/v1/listings/{created.Id}")).Text("status"));
    }

    [Fact]
    public async Task An_expired_permit_blocks_submission_saying_when_it_expired()
    {
        await using var world = await ListingWorld.StartAsync();
        var expiredOn = world.Today.AddDays(-1);
        var created = await world.CreateListingAsync("agent", ("permitIssuedOn", expiredOn.AddDays(-90)), ("permitExpiresOn", expiredOn));

        var submitted = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{created.Id}/submit");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, submitted.Status);
        Assert.Equal([ListingCompliance.PermitExpired], submitted.ProblemCodes);
        Assert.Contains($"Permit 7116777484 expired on {expiredOn:yyyy-MM-dd}", submitted.Text("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_price_that_differs_from_the_permit_blocks_submission_naming_both_prices()
    {
        await using var world = await ListingWorld.StartAsync();
        var created = await world.CreateListingAsync("agent", ("priceMinor", 2_450_000_00L));

        var submitted = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{created.Id}/submit");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, submitted.Status);
        Assert.Equal([ListingCompliance.PermitPriceMismatch], submitted.ProblemCodes);
        Assert.Contains("The price AED 2,450,000 differs from the permit's AED 2,500,000.", submitted.Text("detail"), StringComparison.Ordinal);
        var problem = submitted.Body.GetProperty("problems")[0];
        Assert.Equal("priceMinor", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_size_that_differs_from_the_permit_blocks_submission_naming_both_sizes()
    {
        await using var world = await ListingWorld.StartAsync();
        var created = await world.CreateListingAsync("agent", ("sizeSqft", 1_300m));

        var submitted = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{created.Id}/submit");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, submitted.Status);
        Assert.Equal([ListingCompliance.PermitSizeMismatch], submitted.ProblemCodes);
        Assert.Contains("The size 1,300 sq ft differs from the permit's 1,250 sq ft.", submitted.Text("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once_and_shown_on_the_listing()
    {
        await using var world = await ListingWorld.StartAsync();
        var created = await world.CreateListingAsync("agent",
            ("priceMinor", 1_000_000_00L), ("sizeSqft", 900m), ("permitIssuedOn", world.Today.AddDays(-100)), ("permitExpiresOn", world.Today.AddDays(-10)));

        var submitted = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{created.Id}/submit");

        var expected = new[] { ListingCompliance.PermitExpired, ListingCompliance.PermitPriceMismatch, ListingCompliance.PermitSizeMismatch };
        Assert.Equal(expected, submitted.ProblemCodes);
        Assert.Equal(expected, created.Body.GetProperty("complianceProblems").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_permit_that_expired_while_waiting_for_approval_blocks_the_approval()
    {
        await using var world = await ListingWorld.StartAsync();
        var created = await world.CreateListingAsync("agent", ("permitExpiresOn", world.Today.AddDays(1)));
        var submitted = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{created.Id}/submit");
        world.Host.Clock.Advance(TimeSpan.FromDays(3));

        var approved = await world.SendAsync("manager", HttpMethod.Post, $"/api/v1/listings/approvals/{ListingWorld.PendingApprovalId(submitted)}/approve");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, approved.Status);
        Assert.Equal([ListingCompliance.PermitExpired], approved.ProblemCodes);
        Assert.Equal("pending_approval", (await world.GetAsync("agent", $"/api/v1/listings/{created.Id}")).Text("status"));
    }

    [Fact]
    public async Task A_listing_outside_Dubai_and_Abu_Dhabi_needs_no_permit()
    {
        await using var world = await ListingWorld.StartAsync();
        var created = await world.CreateListingAsync("agent", ("locationId", world.Sharjah), ("permitType", null), ("permitNumber", null));

        var submitted = await world.SendAsync("agent", HttpMethod.Post, $"/api/v1/listings/{created.Id}/submit");

        Assert.Equal(HttpStatusCode.OK, submitted.Status);
        Assert.Equal("pending_approval", submitted.Text("status"));
    }
}
