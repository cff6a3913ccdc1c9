using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pace.Data;
using Pace.Web.Identity;
using Pace.Web.Listings;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Listings;

/// <summary>A new listing, through the API's create handler; then its page, to add photos and submit it.</summary>
[Authorize(Policy = PacePolicies.Staff)]
public sealed class NewModel(PaceDbContext db, TimeProvider clock) : PageModel
{
    public ListingFormView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        View = new ListingFormView(new ListingForm(), await ListingFormChoices.LoadAsync(db, cancellationToken), new FormErrors(), null, true, "/listings/new");

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "form")] ListingForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var locationId = await LocationLookup.ResolveAsync(db, form.Location, cancellationToken);
        var outcome = ApiOutcome.From<ListingInfo>(await ListingsApi.CreateAsync(form.ToRequest(creating: true, locationId), HttpContext, db, clock, cancellationToken));
        if (outcome.Value is { } created)
        {
            TempData["Done"] = $"{created.Reference} created as a draft. Add photos, then submit it for approval.";
            return Redirect($"/listings/{created.Id}");
        }

        var errors = outcome.Errors;
        if (locationId is null && !string.IsNullOrWhiteSpace(form.Location))
        {
            errors = new Dictionary<string, string[]>(errors) { ["locationId"] = [$"No place is called {form.Location.Trim()}: pick one from the list."] };
        }

        View = new ListingFormView(form, await ListingFormChoices.LoadAsync(db, cancellationToken), new FormErrors(errors), outcome.Problem is null ? null : outcome.Message, true, "/listings/new");
        return Page();
    }

    /// <summary>The location picker's suggestions, as the person types (htmx fills the datalist).</summary>
    public async Task<IActionResult> OnGetPlacesAsync([FromQuery(Name = "form.Location")] string? location, CancellationToken cancellationToken)
    {
        var places = await LocationLookup.SearchAsync(db, location ?? "", 12, cancellationToken);
        return Partial("_PlaceOptions", places);
    }
}
