using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pace.Data;
using Pace.Identity;
using Pace.Web.Identity;
using Pace.Web.Identity.Tokens;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Admin;

/// <summary>
/// Machine clients (pace-ai, pace-mcp, the Salesforce adapter, the website) and the signed-in admin's own personal
/// tokens, through the tokens API's own handlers. A new secret or token is shown in the answer to the request that
/// made it, once, and never stored in a form: PACE keeps only its hash.
/// </summary>
[Authorize(Policy = PacePolicies.Admin)]
public sealed class TokensModel(PaceDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<MachineClientInfo> Clients { get; private set; } = [];

    public IReadOnlyList<PersonalTokenInfo> Personal { get; private set; } = [];

    public IReadOnlyList<string> Scopes { get; } = [.. TokenScopes.Known.Order(StringComparer.Ordinal)];

    public DateTimeOffset Now { get; private set; }

    [TempData]
    public string? Done { get; set; }

    /// <summary>The secret or token just made, with what it is for; shown once.</summary>
    public (string What, string Value)? Secret { get; private set; }

    public string? OpenForm { get; private set; }

    public FormErrors Errors { get; private set; } = new();

    public string? Problem { get; private set; }

    public ClientForm ClientInput { get; private set; } = new();

    public TokenForm TokenInput { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateClientAsync(ClientForm client, CancellationToken cancellationToken)
    {
        var outcome = ApiOutcome.From<MachineClientSecret>(await TokensApi.CreateMachineClientAsync(
            new CreateMachineClientRequest(client.ClientId, client.Name, client.Scopes), HttpContext, db, clock, cancellationToken));
        if (outcome.Value is { } made)
        {
            return await ShowSecretAsync($"Client secret of {made.ClientId}", made.ClientSecret, cancellationToken);
        }

        ClientInput = client;
        return await FailAsync("client", outcome.Errors, outcome.Message, cancellationToken);
    }

    public async Task<IActionResult> OnPostRotateAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = ApiOutcome.From<MachineClientSecret>(await TokensApi.RotateSecretAsync(id, HttpContext, db, clock, cancellationToken));
        return outcome.Value is { } made
            ? await ShowSecretAsync($"New client secret of {made.ClientId} (the old one no longer works)", made.ClientSecret, cancellationToken)
            : NotFound();
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await TokensApi.DeactivateMachineClientAsync(id, db, cancellationToken);
        if (result.Result is Microsoft.AspNetCore.Http.HttpResults.NotFound)
        {
            return NotFound();
        }

        Done = "The client is deactivated: it can no longer get tokens.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCreateTokenAsync(TokenForm token, CancellationToken cancellationToken)
    {
        var outcome = ApiOutcome.From<CreatedPersonalToken>(await TokensApi.CreatePersonalTokenAsync(
            new CreatePersonalTokenRequest(token.Name, token.Days, []), HttpContext, db, clock, cancellationToken));
        if (outcome.Value is { } made)
        {
            return await ShowSecretAsync($"Your token {made.Name}, valid until {Show.Date(made.ExpiresAt)}", made.Token, cancellationToken);
        }

        TokenInput = token;
        return await FailAsync("token", outcome.Errors, outcome.Message, cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await TokensApi.RevokePersonalTokenAsync(id, HttpContext, db, clock, cancellationToken);
        if (result.Result is Microsoft.AspNetCore.Http.HttpResults.NotFound)
        {
            return NotFound();
        }

        Done = "The token is revoked: it no longer works.";
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowSecretAsync(string what, string value, CancellationToken cancellationToken)
    {
        Secret = (what, value);
        // The secret is in this answer only: nothing may keep a copy of the page.
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task<IActionResult> FailAsync(string form, IReadOnlyDictionary<string, string[]> errors, string message, CancellationToken cancellationToken)
    {
        OpenForm = form;
        Errors = new FormErrors(errors);
        Problem = message;
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        Clients = (await TokensApi.ListMachineClientsAsync(db, cancellationToken)).Value ?? [];
        Personal = (await TokensApi.ListPersonalTokensAsync(HttpContext, db, cancellationToken)).Value ?? [];
    }

    public sealed class ClientForm
    {
        public string? ClientId { get; set; }

        public string? Name { get; set; }

        public string[]? Scopes { get; set; }
    }

    public sealed class TokenForm
    {
        public string? Name { get; set; }

        public int? Days { get; set; } = TokenScopes.PersonalTokenDefaultDays;
    }
}
