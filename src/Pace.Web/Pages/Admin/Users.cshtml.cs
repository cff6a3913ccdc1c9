using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Pace.Data;
using Pace.Web.Admin;
using Pace.Web.Identity;
using Pace.Web.Identity.SignIn;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Admin;

/// <summary>
/// Staff accounts through the users API's own handlers: search by name or email, create, change role and team,
/// deactivate (which ends the person's sessions) and reactivate. An edit sends back the time the row was read, so a
/// change made meanwhile by another admin is refused rather than overwritten.
/// </summary>
[Authorize(Policy = PacePolicies.Admin)]
public sealed class UsersModel(PaceDbContext db, TimeProvider clock, IOptions<GoogleSignInOptions> google) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public UserPage Users { get; private set; } = new([], null);

    public IReadOnlyList<TeamInfo> Teams { get; private set; } = [];

    public IReadOnlyList<string> Domains => google.Value.WorkspaceDomains.ToList();

    public DateTimeOffset Now { get; private set; }

    [TempData]
    public string? Done { get; set; }

    /// <summary>"new" for the create form, or the id of the row whose form came back with an error.</summary>
    public string? OpenForm { get; private set; }

    public FormErrors Errors { get; private set; } = new();

    public string? Problem { get; private set; }

    public NewUser Input { get; private set; } = new();

    public static readonly string[] Roles = ["agent", "manager", "admin"];

    public string QueryFor(string? cursor) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["role"] = Role, ["status"] = Status, ["cursor"] = cursor,
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(NewUser input, CancellationToken cancellationToken)
    {
        var outcome = ApiOutcome.From<UserInfo>(await UsersApi.CreateAsync(
            new CreateUserRequest(input.Email, input.DisplayName, input.Role, input.TeamId, input.Phone, null, null), HttpContext, db, google, cancellationToken));
        if (outcome.Value is { } user)
        {
            Done = $"{user.DisplayName} can now sign in with {user.Email}.";
            return Redirect("/admin/users" + QueryFor(null));
        }

        Input = input;
        return await FailAsync("new", outcome, cancellationToken);
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, string? newRole, Guid? newTeamId, long readAt, CancellationToken cancellationToken)
    {
        var current = ApiOutcome.From<UserInfo>(await UsersApi.GetAsync(id, HttpContext, db, cancellationToken));
        if (current.Value is null)
        {
            return NotFound();
        }

        if (current.Value.UpdatedAt.UtcTicks != readAt)
        {
            return await FailAsync(id.ToString(), ApiOutcome.From<UserInfo>(EntityTagsFailed()), cancellationToken);
        }

        // The row is as the admin saw it: its ETag (just read) is the precondition of the change.
        Request.Headers.IfMatch = Response.Headers.ETag;
        var outcome = ApiOutcome.From<UserInfo>(await UsersApi.UpdateAsync(
            id, new UpdateUserRequest { Role = newRole, TeamId = newTeamId }, HttpContext, db, cancellationToken));
        if (outcome.Value is { } user)
        {
            Done = $"{user.DisplayName} is now {user.Role}{(user.TeamName is null ? " with no team" : $" in {user.TeamName}")}.";
            return Redirect("/admin/users" + QueryFor(null));
        }

        return await FailAsync(id.ToString(), outcome, cancellationToken);
    }

    public async Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken cancellationToken) =>
        await DecideAsync(id, ApiOutcome.From<UserInfo>(await UsersApi.DeactivateAsync(id, HttpContext, db, clock, cancellationToken)),
            u => $"{u.DisplayName} is deactivated: they are signed out everywhere and cannot sign in.", cancellationToken);

    public async Task<IActionResult> OnPostReactivateAsync(Guid id, CancellationToken cancellationToken) =>
        await DecideAsync(id, ApiOutcome.From<UserInfo>(await UsersApi.ReactivateAsync(id, HttpContext, db, clock, cancellationToken)),
            u => $"{u.DisplayName} can sign in again.", cancellationToken);

    private async Task<IActionResult> DecideAsync(Guid id, ApiOutcome<UserInfo> outcome, Func<UserInfo, string> done, CancellationToken cancellationToken)
    {
        if (outcome.Value is { } user)
        {
            Done = done(user);
            return Redirect("/admin/users" + QueryFor(null));
        }

        return outcome.IsNotFound ? NotFound() : await FailAsync(id.ToString(), outcome, cancellationToken);
    }

    private async Task<IActionResult> FailAsync(string form, ApiOutcome<UserInfo> outcome, CancellationToken cancellationToken)
    {
        OpenForm = form;
        Errors = new FormErrors(outcome.Errors);
        Problem = outcome.Message;
        await LoadAsync(cancellationToken);
        Response.StatusCode = outcome.RefusalStatus;
        return Page();
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult EntityTagsFailed() => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "The record has changed",
        detail: "Another admin changed this person since you opened the page. Their current details are shown: reapply your change.");

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        bool? active = Status switch { "active" => true, "inactive" => false, _ => null };
        var outcome = ApiOutcome.From<UserPage>(await UsersApi.ListAsync(
            db, string.IsNullOrEmpty(Role) ? null : Role, null, active, string.IsNullOrWhiteSpace(Q) ? null : Q,
            string.IsNullOrEmpty(Cursor) ? null : Cursor, 50, cancellationToken));
        Users = outcome.Value ?? Users;
        Teams = ApiOutcome.From<List<TeamInfo>>(await TeamsApi.ListAsync(db, cancellationToken)).Value ?? [];
        if (!outcome.Succeeded && Problem is null)
        {
            Problem = string.Join(" ", outcome.Errors.SelectMany(e => e.Value));
        }
    }

    public sealed class NewUser
    {
        public string? Email { get; set; }

        public string? DisplayName { get; set; }

        public string? Role { get; set; } = "agent";

        public Guid? TeamId { get; set; }

        public string? Phone { get; set; }
    }
}
