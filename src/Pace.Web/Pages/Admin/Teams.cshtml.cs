using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pace.Data;
using Pace.Web.Admin;
using Pace.Web.Identity;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Admin;

/// <summary>Teams through the teams API's own handlers: list with their managers and sizes, create, rename, set the manager.</summary>
[Authorize(Policy = PacePolicies.Admin)]
public sealed class TeamsModel(PaceDbContext db) : PageModel
{
    public IReadOnlyList<TeamInfo> Teams { get; private set; } = [];

    /// <summary>The active managers, who alone may lead a team.</summary>
    public UserPage Managers { get; private set; } = new([], null);

    [TempData]
    public string? Done { get; set; }

    public string? OpenForm { get; private set; }

    public FormErrors Errors { get; private set; } = new();

    public string? Problem { get; private set; }

    public string? Name { get; private set; }

    public Guid? ManagerId { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(string? name, Guid? managerId, CancellationToken cancellationToken)
    {
        var outcome = ApiOutcome.From<TeamInfo>(await TeamsApi.CreateAsync(new CreateTeamRequest(name, managerId), db, cancellationToken));
        return await RespondAsync("new", name, managerId, outcome, t => $"Team {t.Name} created.", cancellationToken);
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, string? name, Guid? managerId, CancellationToken cancellationToken)
    {
        var outcome = ApiOutcome.From<TeamInfo>(await TeamsApi.UpdateAsync(id, new UpdateTeamRequest { Name = name, ManagerId = managerId }, db, cancellationToken));
        if (outcome.IsNotFound)
        {
            return NotFound();
        }

        return await RespondAsync(id.ToString(), name, managerId, outcome, t => $"Team {t.Name} saved{(t.ManagerName is null ? " (no manager)" : $", managed by {t.ManagerName}")}.", cancellationToken);
    }

    private async Task<IActionResult> RespondAsync(
        string form, string? name, Guid? managerId, ApiOutcome<TeamInfo> outcome, Func<TeamInfo, string> done, CancellationToken cancellationToken)
    {
        if (outcome.Value is { } team)
        {
            Done = done(team);
            return RedirectToPage();
        }

        (OpenForm, Name, ManagerId) = (form, name, managerId);
        Errors = new FormErrors(outcome.Errors);
        Problem = outcome.Message;
        await LoadAsync(cancellationToken);
        Response.StatusCode = outcome.RefusalStatus;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Teams = ApiOutcome.From<List<TeamInfo>>(await TeamsApi.ListAsync(db, cancellationToken)).Value ?? [];
        Managers = ApiOutcome.From<UserPage>(await UsersApi.ListAsync(db, "manager", null, true, null, null, UsersApi.MaxLimit, cancellationToken)).Value ?? Managers;
    }
}
