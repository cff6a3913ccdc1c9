using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pace.Data.Seed;
using Pace.Listings;
using static Microsoft.Playwright.Assertions;

namespace Pace.Browser.Tests.Screenshots;

/// <summary>
/// The agent's pages over the demo brokerage, at a laptop's width and a phone's: each renders with its data and no
/// error. With <c>PACE_SCREENSHOTS</c> set to a folder (docs/screenshots), each page is saved there as a PNG, which is
/// how the screenshots of the README and the user guide are made.
/// </summary>
public sealed class ScreenshotTests(DemoBrowserFixture fixture) : IClassFixture<DemoBrowserFixture>
{
    private static readonly string? Folder = Environment.GetEnvironmentVariable("PACE_SCREENSHOTS");

    [Theory]
    [InlineData("desktop", 1280, 800)]
    [InlineData("phone", 390, 844)]
    public async Task The_agents_pages_render_the_demo_brokerage(string device, int width, int height)
    {
        var (applicantId, listingId) = await fixture.ExecuteAsync(async db =>
        {
            var agent = await db.Users.SingleAsync(u => u.Email == DemoAccounts.Agent);
            var applicant = await db.Applicants.Where(a => a.AssignedAgentId == agent.Id && a.MergedIntoId == null && a.Requirements.Any())
                .OrderByDescending(a => a.LastActivityAt).Select(a => a.Id).FirstAsync();
            var listing = await db.Listings.Where(l => l.ListingAgentId == agent.Id && l.Status == ListingStatus.Live && l.Media.Count(m => m.Kind == MediaKind.Image) >= 4)
                .OrderByDescending(l => l.PublishedAt).Select(l => l.Id).FirstAsync();
            return (applicant, listing);
        });
        await using var session = await fixture.NewSessionAsync(width, height);
        var page = session.Page;
        await session.SignInAsync(DemoAccounts.Agent);

        var pages = new (string Name, string Path)[]
        {
            ("my-day", "/"),
            ("applicants", "/applicants"),
            ("applicant", $"/applicants/{applicantId}"),
            ("new-applicant", "/applicants/new"),
            ("listings", "/listings"),
            ("listing", $"/listings/{listingId}"),
            ("new-listing", "/listings/new"),
            ("calendar", "/calendar"),
        };
        foreach (var (name, path) in pages)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response?.Ok, $"{path} answered {response?.Status}");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            foreach (var image in await page.Locator("main img").AllAsync())
            {
                Assert.True(await image.EvaluateAsync<bool>("img => !img.complete || img.naturalWidth > 0"), $"An image on {path} did not load.");
            }

            if (Folder is not null)
            {
                Directory.CreateDirectory(Folder);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{name}-{device}.png"), FullPage = device == "desktop" });
            }
        }

        await Expect(page.Locator(".fc-timegrid")).ToBeVisibleAsync();
        session.AssertNoErrors();
    }
}
