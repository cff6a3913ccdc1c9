using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pace.Data;
using Pace.Web.Admin;
using Pace.Web.Identity;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Admin;

/// <summary>The settings PACE reads from its database, through the settings API's own handlers; each validated by the rule that reads it.</summary>
[Authorize(Policy = PacePolicies.Admin)]
public sealed class SettingsModel(PaceDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<SettingInfo> Settings { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public string? Failed { get; private set; }

    public string? Value { get; private set; }

    public FormErrors Errors { get; private set; } = new();

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? key, string? value, CancellationToken cancellationToken)
    {
        var outcome = ApiOutcome.From<SettingInfo>(await SettingsApi.UpdateAsync(
            key ?? "", new UpdateSettingRequest(value), HttpContext, db, clock, cancellationToken));
        if (outcome.Value is { } saved)
        {
            Done = $"{saved.Label} is now {saved.Value}{saved.Unit}.";
            return RedirectToPage();
        }

        if (outcome.IsNotFound)
        {
            return NotFound();
        }

        (Failed, Value) = (key, value);
        Errors = new FormErrors(outcome.Errors);
        Problem = outcome.Message;
        await LoadAsync(cancellationToken);
        Response.StatusCode = outcome.RefusalStatus;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        Settings = (await SettingsApi.ListAsync(db, cancellationToken)).Value ?? [];
    }
}
