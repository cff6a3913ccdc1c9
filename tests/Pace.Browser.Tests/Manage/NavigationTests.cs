using Microsoft.Playwright;
using Pace.Browser.Tests.Screenshots;
using Pace.Data.Seed;
using Pace.Identity;
using Pace.Web.Ui;
using static Microsoft.Playwright.Assertions;

namespace Pace.Browser.Tests.Manage;

/// <summary>
/// Every page of the manager's and the admin's own navigation (the Team and Administration sections; the Work section
/// is the agents' and is proved by their tests), over the demo brokerage, at a desktop and a 390 px phone width: it
/// loads with no failed request, no browser console error, no server error, and nothing wider than the screen.
/// Set PACE_SCREENSHOTS_DIR to also save a screenshot of each (docs/screenshots is made that way).
/// </summary>
public sealed class NavigationTests(DemoBrowserFixture fixture) : IClassFixture<DemoBrowserFixture>
{
    private static readonly (string Name, int Width, int Height)[] Screens = [("desktop", 1280, 900), ("phone", 390, 844)];

    [Theory]
    [InlineData(DemoAccounts.Manager, UserRole.Manager)]
    [InlineData(DemoAccounts.Admin, UserRole.Admin)]
    public async Task Every_page_of_the_navigation_loads_cleanly_on_a_desktop_and_a_phone(string email, UserRole role)
    {
        var pages = Navigation.For(role).Where(s => s.Title != "Work").SelectMany(s => s.Items).Select(i => i.Path)
            .Append("/team/reassign").Distinct().ToList();
        await using var session = await Steps.OpenAsync(fixture);
        var page = session.Page;
        var failures = new List<string>();
        page.RequestFailed += (_, request) => failures.Add($"request failed: {request.Method} {request.Url} ({request.Failure})");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failures.Add($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
        await Steps.SignInAsync(page, email);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My day", Level = 1 })).ToBeVisibleAsync();

        foreach (var (screen, width, height) in Screens)
        {
            await page.SetViewportSizeAsync(width, height);
            foreach (var path in pages)
            {
                var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.NetworkIdle });
                Assert.True(response is { Status: 200 }, $"{path} answered {response?.Status}");
                await Expect(page.Locator("h1")).ToBeVisibleAsync();
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{path} is {overflow} px wider than a {width} px screen");
                if (Environment.GetEnvironmentVariable("PACE_SCREENSHOTS_DIR") is { Length: > 0 } directory)
                {
                    var name = $"{role.ToString().ToLowerInvariant()}-{path.Trim('/').Replace('/', '-')}-{screen}.png";
                    await page.ScreenshotAsync(new() { Path = Path.Combine(directory, name), FullPage = screen == "desktop" });
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        session.AssertNoErrors();
    }
}
