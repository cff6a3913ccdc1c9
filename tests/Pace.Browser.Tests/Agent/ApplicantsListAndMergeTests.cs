using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pace.Browser.Tests.Manage;
using Pace.Data.Seed;
using static Microsoft.Playwright.Assertions;

namespace Pace.Browser.Tests.Agent;

/// <summary>An agent's saved views of the applicants list, and merging two records of one person from the applicant page.</summary>
public sealed class ApplicantsListAndMergeTests(PaceBrowserFixture fixture) : IClassFixture<PaceBrowserFixture>
{
    [Fact]
    public async Task An_agent_saves_the_filtered_list_as_a_view_opens_it_later_and_deletes_it()
    {
        var data = new ManageData(fixture);
        using var agent = await data.ApiAsAsync(DemoAccounts.Agent);
        await ManageData.AddApplicantAsync(agent, "Rania", "Jvcbuyer", "+971505550201");
        await ManageData.AddApplicantAsync(agent, "Tariq", "Elsewhere", "+971505550202");
        await using var session = await Steps.OpenAsync(fixture);
        var page = session.Page;
        await session.SignInAsync(DemoAccounts.Agent);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Applicants" }).ClickAsync();
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("Jvcbuyer");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=Jvcbuyer"));
        await Expect(page.Locator("#applicant-results")).Not.ToContainTextAsync("Tariq");
        await page.GetByLabel("Source").SelectOptionAsync("bayut");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("source=bayut"));

        // A name already taken (in another case) is refused, and what was typed stays.
        await page.GetByLabel("Save these filters as").FillAsync("Hot JVC buyers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save view" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved the view" })).ToContainTextAsync("Hot JVC buyers");
        var views = page.GetByRole(AriaRole.Navigation, new() { Name = "Saved views" });
        await Expect(views.GetByRole(AriaRole.Link, new() { Name = "Hot JVC buyers" })).ToHaveAttributeAsync("aria-current", "page");
        await page.GetByLabel("Save these filters as").FillAsync("hot jvc BUYERS");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save view" }).ClickAsync();
        await Expect(page.GetByLabel("Save these filters as")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("Save these filters as")).ToHaveValueAsync("hot jvc BUYERS");
        await Expect(page.Locator("#view-name-error")).ToContainTextAsync("already have a view named");
        await Expect(page.GetByLabel("Search", new() { Exact = true })).ToHaveValueAsync("Jvcbuyer");
        await page.GetByLabel("Save these filters as").FillAsync("Bayut JVC");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save view" }).ClickAsync();
        await Expect(views.GetByRole(AriaRole.Link, new() { Name = "Bayut JVC" })).ToHaveAttributeAsync("href", "/applicants?q=Jvcbuyer&source=bayut");

        // Away and back: the view applies its filters.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "My day" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Applicants" }).ClickAsync();
        await Expect(page.Locator("#applicant-results")).ToContainTextAsync("Tariq");
        await views.GetByRole(AriaRole.Link, new() { Name = "Hot JVC buyers" }).ClickAsync();
        await Expect(page.GetByLabel("Search", new() { Exact = true })).ToHaveValueAsync("Jvcbuyer");
        await Expect(page.GetByLabel("Source")).ToHaveValueAsync("bayut");
        await Expect(page.Locator("#applicant-results")).ToContainTextAsync("Rania Jvcbuyer");
        await Expect(page.Locator("#applicant-results")).Not.ToContainTextAsync("Tariq");

        await views.GetByRole(AriaRole.Button, new() { Name = "Delete saved view Hot JVC buyers" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Deleted the view" })).ToBeVisibleAsync();
        await Expect(views.GetByRole(AriaRole.Link, new() { Name = "Hot JVC buyers" })).ToHaveCountAsync(0);
        await Expect(views.GetByRole(AriaRole.Link, new() { Name = "Bayut JVC" })).ToHaveCountAsync(1);
        Assert.Equal(["Bayut JVC"], await fixture.ExecuteAsync(db => db.SavedViews.Select(v => v.Name).ToListAsync()));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task An_agent_merges_two_records_of_one_person_and_keeps_both_timelines()
    {
        var data = new ManageData(fixture);
        using var agent = await data.ApiAsAsync(DemoAccounts.Agent);
        var first = await ManageData.AddApplicantAsync(agent, "Samira", "Kassem", "+971505550301");
        await ManageData.AddNoteAsync(agent, first, "Met at the Marina open house.");
        var second = await ManageData.AddApplicantAsync(agent, "Samira", "Kassem", "+971505550301");
        await ManageData.AddNoteAsync(agent, second, "Called back about JVC townhouses.");
        await using var session = await Steps.OpenAsync(fixture);
        var page = session.Page;
        await session.SignInAsync(DemoAccounts.Agent);

        await page.GotoAsync($"/applicants/{second}");
        await Expect(page.GetByTestId("duplicates")).ToContainTextAsync("Samira Kassem");
        await page.GetByTestId("duplicates").GetByRole(AriaRole.Link, new() { Name = "Review and merge with Samira Kassem" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Merge two records", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("merge-compare")).ToContainTextAsync("+971505550301");
        // Keep the older record: the one first added.
        var keepFirst = page.GetByRole(AriaRole.Group, new() { Name = "Which record stays?" }).GetByRole(AriaRole.Radio).Nth(1);
        Assert.Equal(first.ToString(), await keepFirst.GetAttributeAsync("value"));
        await keepFirst.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Merge records" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(fixture.WebBase, $"applicants/{first}").ToString());
        await Expect(page.GetByTestId("done")).ToContainTextAsync("Merged");
        await Expect(page.GetByTestId("duplicates")).ToHaveCountAsync(0);
        var timeline = page.GetByTestId("timeline");
        await Expect(timeline).ToContainTextAsync("Met at the Marina open house.");
        await Expect(timeline).ToContainTextAsync("Called back about JVC townhouses.");

        // The merged record's old address leads to the one that stayed.
        await page.GotoAsync($"/applicants/{second}");
        await Expect(page).ToHaveURLAsync(new Uri(fixture.WebBase, $"applicants/{first}").ToString());
        await Expect(page.GetByTestId("done")).ToContainTextAsync("was merged into this record");

        // Merging it again is refused in words, not with an error page.
        await page.GotoAsync($"/applicants/{first}/merge?with={second}");
        await Expect(page.GetByTestId("merge-problem")).ToContainTextAsync("already merged");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Merge records" })).ToHaveCountAsync(0);
        session.AssertNoErrors();
    }
}
