using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pace.Data;
using Pace.Reference;
using Pace.Web.Admin;
using Pace.Web.Identity;
using Pace.Web.Listings;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Admin;

/// <summary>
/// The pick lists (property types, amenities, lost reasons, languages, nationalities) through the reference API's own
/// handlers: add a value, rename it, reorder it, retire or restore it. The location tree is shown, searched by name;
/// it follows the portals' tree and is loaded, not edited by hand.
/// </summary>
[Authorize(Policy = PacePolicies.Admin)]
public sealed class ReferenceModel(PaceDbContext db) : PageModel
{
    public static readonly (string Code, string Label)[] Lists =
    [
        ("property_type", "Property types"), ("amenity", "Amenities"), ("lost_reason", "Lost reasons"),
        ("language", "Languages"), ("nationality", "Nationalities"), ("locations", "Locations"),
    ];

    [BindProperty(SupportsGet = true)]
    public string List { get; set; } = "property_type";

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<ReferenceValueInfo> Values { get; private set; } = [];

    public IReadOnlyList<LocationChoice> Locations { get; private set; } = [];

    public string ListLabel => Lists.FirstOrDefault(l => l.Code == List).Label ?? "Reference data";

    public bool IsLocations => List == "locations";

    [TempData]
    public string? Done { get; set; }

    public string? OpenForm { get; private set; }

    public FormErrors Errors { get; private set; } = new();

    public string? Problem { get; private set; }

    public ValueForm Input { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCreateAsync(ValueForm input, CancellationToken cancellationToken)
    {
        if (!SnakeCaseKind(out var kind))
        {
            return NotFound();
        }

        var outcome = ApiOutcome.From<ReferenceValueInfo>(await ReferenceApi.CreateAsync(
            new CreateReferenceValueRequest(kind, input.Code, input.Label, input.LabelAr, input.SortOrder ?? 0), db, cancellationToken));
        return await RespondAsync("new", input, outcome, v => $"{v.Label} added to {ListLabel.ToLowerInvariant()}.", cancellationToken);
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, ValueForm input, CancellationToken cancellationToken)
    {
        var outcome = ApiOutcome.From<ReferenceValueInfo>(await ReferenceApi.UpdateAsync(
            id, new UpdateReferenceValueRequest(input.Label, input.LabelAr ?? "", input.SortOrder, input.IsActive), db, cancellationToken));
        if (outcome.IsNotFound)
        {
            return NotFound();
        }

        return await RespondAsync(id.ToString(), input, outcome,
            v => v.IsActive ? $"{v.Label} saved." : $"{v.Label} saved and retired: forms no longer offer it; records keep it.", cancellationToken);
    }

    private async Task<IActionResult> RespondAsync(
        string form, ValueForm input, ApiOutcome<ReferenceValueInfo> outcome, Func<ReferenceValueInfo, string> done, CancellationToken cancellationToken)
    {
        if (outcome.Value is { } value)
        {
            Done = done(value);
            return Redirect($"/admin/reference?list={List}");
        }

        (OpenForm, Input) = (form, input);
        Errors = new FormErrors(outcome.Errors);
        Problem = outcome.Message;
        await LoadAsync(cancellationToken);
        Response.StatusCode = outcome.RefusalStatus;
        return Page();
    }

    private bool SnakeCaseKind(out ReferenceKind kind) => Pace.Web.Common.SnakeCaseNaming.TryParse(List, out kind);

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (IsLocations)
        {
            Locations = string.IsNullOrWhiteSpace(Q) ? [] : await LocationLookup.SearchAsync(db, Q, 50, cancellationToken);
            return true;
        }

        var outcome = ApiOutcome.From<List<ReferenceValueInfo>>(await ReferenceApi.ListAsync(db, List, cancellationToken));
        Values = outcome.Value ?? [];
        return outcome.Succeeded;
    }

    public sealed class ValueForm
    {
        public string? Code { get; set; }

        public string? Label { get; set; }

        public string? LabelAr { get; set; }

        public int? SortOrder { get; set; }

        public bool IsActive { get; set; } = true;
    }
}
