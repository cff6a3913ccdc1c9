using Microsoft.Playwright;
using Pace.Data.Seed;
using Pace.Identity;
using Pace.Testing;
using static Microsoft.Playwright.Assertions;

namespace Pace.Browser.Tests.Manage;

/// <summary>What a manager and an admin do in PACE, in Chromium, signed in through the sandbox's Google page.</summary>
public sealed class ManagerAndAdminTests(PaceBrowserFixture fixture) : IClassFixture<PaceBrowserFixture>
{
    private readonly ManageData _data = new(fixture);

    [Fact]
    public async Task A_listing_an_agent_submitted_is_approved_on_the_queue_and_goes_live()
    {
        using var agent = await _data.ApiAsAsync(DemoAccounts.Agent);
        var (id, reference) = await _data.SubmitListingAsync(agent, "Two bedrooms on a high floor of Marina Gate 1");
        await using var session = await Steps.OpenAsync(fixture);
        var page = session.Page;
        await Steps.SignInAsync(page, DemoAccounts.Manager);

        await page.GotoAsync("/approvals");
        var approval = page.GetByTestId($"approval-{reference}");
        await Expect(approval).ToContainTextAsync("Go live");
        await Expect(approval).ToContainTextAsync(FixedStaff.AgentName);
        await approval.GetByRole(AriaRole.Button, new() { Name = $"Approve {reference}" }).ClickAsync();

        await Expect(page.GetByTestId("decided")).ToHaveTextAsync($"Approved: {reference} is now Live.");
        await Expect(page.GetByTestId($"approval-{reference}")).ToHaveCountAsync(0);
        var listing = await ManageData.GetAsync(agent, $"/api/v1/listings/{id}");
        Assert.Equal("live", listing.GetProperty("status").GetString());
        session.AssertNoErrors();
    }

    [Fact]
    public async Task Rejecting_without_a_reason_keeps_the_form_open_and_a_reason_sends_the_listing_back_to_draft()
    {
        using var agent = await _data.ApiAsAsync(DemoAccounts.Agent);
        var (id, reference) = await _data.SubmitListingAsync(agent, "Marina view two bedrooms, needs better photos");
        await using var session = await Steps.OpenAsync(fixture);
        var page = session.Page;
        await Steps.SignInAsync(page, DemoAccounts.Manager);
        await page.GotoAsync("/approvals");
        var approval = page.GetByTestId($"approval-{reference}");

        await approval.GetByText("Reject with a reason").ClickAsync();
        await approval.GetByRole(AriaRole.Button, new() { Name = $"Reject {reference}" }).ClickAsync();
        approval = page.GetByTestId($"approval-{reference}");
        await Expect(approval.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(approval.GetByLabel("Reason (the agent reads it)")).ToHaveAttributeAsync("aria-invalid", "true");
        await approval.GetByLabel("Reason (the agent reads it)").FillAsync("The photos are of another unit.");
        await approval.GetByRole(AriaRole.Button, new() { Name = $"Reject {reference}" }).ClickAsync();

        await Expect(page.GetByTestId("decided")).ToContainTextAsync($"Rejected: {reference} is Draft");
        var listing = await ManageData.GetAsync(agent, $"/api/v1/listings/{id}");
        Assert.Equal("draft", listing.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_manager_reassigns_a_lead_and_the_other_agent_finds_it_in_their_applicants()
    {
        var email = $"layla.{Guid.NewGuid():N}"[..18] + "@allsop.example";
        await _data.AddPersonAsync(email, "Layla Farouk", UserRole.Agent, DemoAccounts.MarinaTeam);
        using var agent = await _data.ApiAsAsync(DemoAccounts.Agent);
        var lead = $"Reassigned {Guid.NewGuid().ToString("N")[..6]}";
        await ManageData.AddApplicantAsync(agent, lead, "Lead", "+971529876543");
        var priya = await _data.UserIdAsync(DemoAccounts.Agent);
        await using (var manager = await Steps.OpenAsync(fixture))
        {
            var page = manager.Page;
            await Steps.SignInAsync(page, DemoAccounts.Manager);

            await page.GotoAsync($"/team/reassign?agentId={priya}");
            await page.GetByLabel($"{lead} Lead").CheckAsync();
            await page.GetByLabel("Give the ticked applicants to").SelectOptionAsync(new SelectOptionValue { Label = "Layla Farouk" });
            await page.GetByRole(AriaRole.Button, new() { Name = "Reassign", Exact = true }).ClickAsync();

            await Expect(page.GetByTestId("reassigned")).ToHaveTextAsync("1 applicant reassigned to Layla Farouk.");
            manager.AssertNoErrors();
        }

        await using var layla = await Steps.OpenAsync(fixture);
        await Steps.SignInTypingAsync(layla.Page, email);
        await layla.Page.GotoAsync("/applicants");
        var row = layla.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"{lead} Lead" });
        await Expect(row).ToContainTextAsync("Layla Farouk");
        layla.AssertNoErrors();
    }

    [Fact]
    public async Task Reassigning_with_no_agent_chosen_keeps_the_ticked_applicants_and_says_what_is_missing()
    {
        using var agent = await _data.ApiAsAsync(DemoAccounts.Agent);
        var lead = $"Kept {Guid.NewGuid().ToString("N")[..6]}";
        await ManageData.AddApplicantAsync(agent, lead, "Ticked", "+971529876500");
        await using var session = await Steps.OpenAsync(fixture);
        var page = session.Page;
        await Steps.SignInAsync(page, DemoAccounts.Manager);

        await page.GotoAsync("/team/reassign");
        await page.GetByLabel($"{lead} Ticked").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Reassign", Exact = true }).ClickAsync();

        await Expect(page.GetByLabel("Give the ticked applicants to")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel($"{lead} Ticked")).ToBeCheckedAsync();
    }

    [Fact]
    public async Task An_admin_deactivates_a_person_who_then_cannot_sign_in()
    {
        var email = $"leaver.{Guid.NewGuid():N}"[..19] + "@allsop.example";
        await _data.AddPersonAsync(email, "Hamdan Leaver", UserRole.Agent, DemoAccounts.MarinaTeam);
        await using (var admin = await Steps.OpenAsync(fixture))
        {
            var page = admin.Page;
            await Steps.SignInAsync(page, DemoAccounts.Admin);
            await page.GotoAsync("/admin/users");
            await page.GetByLabel("Name or email starts with").FillAsync(email);
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Deactivate Hamdan Leaver" }).ClickAsync();

            await Expect(page.GetByTestId("done")).ToHaveTextAsync("Hamdan Leaver is deactivated: they are signed out everywhere and cannot sign in.");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reactivate Hamdan Leaver" })).ToBeVisibleAsync();
            admin.AssertNoErrors();
        }

        await using var leaver = await Steps.OpenAsync(fixture);
        await Steps.SignInTypingAsync(leaver.Page, email);

        await Expect(leaver.Page).ToHaveURLAsync(new Uri(fixture.WebBase, "account/refused?reason=deactivated").ToString());
        await Expect(leaver.Page.GetByRole(AriaRole.Heading, new() { Name = "Your PACE account is deactivated" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_agent_opening_a_managers_page_is_refused()
    {
        await using var session = await Steps.OpenAsync(fixture);
        var page = session.Page;
        await Steps.SignInAsync(page, DemoAccounts.Agent);

        foreach (var path in new[] { "/team", "/approvals", "/pipeline", "/admin/users" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You do not have access to this page" })).ToBeVisibleAsync();
        }
    }
}
