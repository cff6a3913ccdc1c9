using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pace.Common;
using Pace.Data.Seed;
using Pace.Identity;
using Pace.Testing;
using Pace.Web.Ui;
using static Microsoft.Playwright.Assertions;

namespace Pace.Browser.Tests.Agent;

/// <summary>An agent's day in the browser: applicants, viewings, notes, listings, and every page of the navigation.</summary>
public sealed class AgentWorkTests(PaceBrowserFixture fixture) : IClassFixture<PaceBrowserFixture>
{
    [Fact]
    public async Task An_agent_creates_an_applicant_books_a_viewing_and_logs_a_note_and_sees_them_on_the_timeline_and_the_calendar()
    {
        var reference = await BrowserWorld.SeedListingAsync(fixture, DemoAccounts.Agent, "AA-S-900101");
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync(DemoAccounts.Agent);

        await page.GetByRole(AriaRole.Link, new() { Name = "New applicant" }).First.ClickAsync();
        await page.GetByLabel("First name").FillAsync("Layla");
        await page.GetByLabel("Last name").FillAsync("Haddad");
        await page.GetByLabel("Phone").FillAsync("+971 50 555 0101");
        await page.GetByLabel("Source").SelectOptionAsync("property_finder");
        await page.GetByLabel("Area or building").FillAsync(BrowserWorld.BuildingLabel);
        await page.GetByLabel("Bedrooms from").FillAsync("2");
        await page.GetByLabel("Budget up to (AED)").FillAsync("2500000");
        await page.GetByLabel("Apartment").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save applicant" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Layla Haddad", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("stage")).ToHaveTextAsync("New");
        await Expect(page.GetByTestId("requirement")).ToContainTextAsync("up to AED 2.5M");
        await Expect(page.GetByTestId("requirement")).ToContainTextAsync("2+ beds");

        // Tomorrow at 10:00 in Dubai, so the booking is in the future whenever the test runs.
        var day = DubaiTime.DateOf(DateTimeOffset.UtcNow).AddDays(1);
        await page.GetByText("Schedule a viewing").ClickAsync();
        await page.GetByLabel("Listing reference").First.FillAsync(reference);
        await page.GetByLabel("Starts (Dubai time)").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book viewing" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Viewing booked");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Viewing");

        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Wants a high floor; call back after 6pm.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save note" }).ClickAsync();
        await Expect(page.GetByTestId("timeline").Locator("li").First).ToContainTextAsync("Wants a high floor; call back after 6pm.");

        // A reload reads it all back from the database, not from what htmx swapped in.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Wants a high floor; call back after 6pm.");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync(reference);

        await page.GotoAsync("/calendar?date=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var viewing = page.GetByTestId("viewing").Filter(new() { HasText = "Layla Haddad" });
        await Expect(viewing).ToBeVisibleAsync();
        await Expect(viewing).ToContainTextAsync("10:00");
        await Expect(viewing).ToContainTextAsync(reference);
        session.AssertNoErrors();
    }

    [Fact]
    public async Task A_refused_applicant_form_keeps_what_was_typed_and_says_what_is_wrong()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync(DemoAccounts.Agent);

        await page.GotoAsync("/applicants/new");
        await page.GetByLabel("First name").FillAsync("Omar");
        await page.GetByLabel("Phone").FillAsync("12");
        await page.GetByLabel("Budget up to (AED)").FillAsync("900000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save applicant" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not saved");
        await Expect(page.GetByLabel("First name")).ToHaveValueAsync("Omar");
        await Expect(page.GetByLabel("Phone")).ToHaveValueAsync("12");
        await Expect(page.GetByLabel("Phone")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Budget up to (AED)")).ToHaveValueAsync("900000");
        await Expect(page.GetByLabel("Source")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Equal(0, await fixture.ExecuteAsync(db => db.Applicants.CountAsync(a => a.FirstName == "Omar")));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task An_agent_creates_a_listing_with_photos_and_a_permit_and_submits_it_for_approval()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync(DemoAccounts.Agent);
        var permitExpiry = DubaiTime.DateOf(DateTimeOffset.UtcNow).AddMonths(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Listings" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New listing" }).ClickAsync();
        await page.GetByLabel("Type", new() { Exact = true }).SelectOptionAsync("apartment");
        await page.GetByLabel("Building or area").FillAsync(BrowserWorld.BuildingLabel);
        await page.GetByLabel("Bedrooms (0 for a studio)").FillAsync("1");
        await page.GetByLabel("Bathrooms").FillAsync("2");
        await page.GetByLabel("Size (sq ft)").FillAsync("850");
        await page.GetByLabel("Price (AED; a rent per period)").FillAsync("1650000");
        await page.GetByLabel("Title").FillAsync("Bright one-bedroom over the marina");
        await page.GetByLabel("Description").FillAsync("A bright one-bedroom on a high floor with a balcony over the marina.");
        await page.GetByLabel("Permit number").FillAsync("7123456789");
        await page.GetByLabel("Issued on").FillAsync(DubaiTime.DateOf(DateTimeOffset.UtcNow).AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Expires on", new() { Exact = true }).FillAsync(permitExpiry);
        await page.GetByLabel("Price on the permit (AED)").FillAsync("1650000");
        await page.GetByLabel("Size on the permit (sq ft)").FillAsync("850");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Bright one-bedroom over the marina" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Draft");
        await Expect(page.GetByTestId("compliant")).ToBeVisibleAsync();

        await page.GetByLabel("Add photos (JPEG, PNG or WebP)").SetInputFilesAsync(
        [
            new FilePayload { Name = "living.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(1600, 1200) },
            new FilePayload { Name = "view.png", MimeType = "image/png", Buffer = TestImages.Png(1200, 900) },
        ]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(page.GetByText("2 photos added.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("gallery").Locator("img")).ToHaveCountAsync(2);
        foreach (var image in await page.GetByTestId("gallery").Locator("img").AllAsync())
        {
            Assert.True(await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "A gallery photo did not load.");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for approval" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("Pending approval");
        await Expect(page.GetByText("Submitted for your manager's approval.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("history")).ToContainTextAsync("Submitted");
        session.AssertNoErrors();
    }

    [Fact]
    public async Task Every_page_of_the_agents_navigation_loads_without_a_failed_request_a_console_error_or_a_server_error()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.SignInAsync(DemoAccounts.Agent);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

        foreach (var item in Navigation.For(UserRole.Agent).SelectMany(s => s.Items))
        {
            var url = new Uri(fixture.WebBase, item.Path.TrimStart('/')).ToString();
            var response = await page.RunAndWaitForResponseAsync(
                () => nav.GetByRole(AriaRole.Link, new() { Name = item.Label, Exact = true }).ClickAsync(),
                r => r.Url == url && r.Request.ResourceType == "document");
            Assert.True(response.Ok, $"{item.Path} answered {response.Status}");
            await Expect(page).ToHaveURLAsync(url);
            await Expect(page.Locator("h1")).ToHaveTextAsync(item.Label);
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = item.Label, Exact = true })).ToHaveAttributeAsync("aria-current", "page");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        foreach (var path in new[] { "/applicants/new", "/listings/new", "/listings?view=table", "/notifications", "/search?q=Layla" })
        {
            var response = await page.GotoAsync(path);
            Assert.True(response?.Ok, $"{path} answered {response?.Status}");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        // An agent's navigation has no manager's or admin's pages.
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Approvals" })).ToHaveCountAsync(0);
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        session.AssertNoErrors();
    }
}
