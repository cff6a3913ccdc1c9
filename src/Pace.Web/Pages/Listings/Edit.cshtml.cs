using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Web.Identity;
using Pace.Web.Listings;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Listings;

/// <summary>
/// Changes to a listing through the API's update handler, with the version the form was filled from as If-Match: a
/// change someone made meanwhile is not overwritten. A price change on a live listing goes to the manager.
/// </summary>
[Authorize(Policy = PacePolicies.Staff)]
public sealed class EditModel(PaceDbContext db, TimeProvider clock) : PageModel
{
    public ListingFormView View { get; private set; } = null!;

    public string Reference { get; private set; } = "";

    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var found = ApiOutcome.From<ListingInfo>(await ListingsApi.GetAsync(id, HttpContext, db, clock, cancellationToken));
        var etag = Response.Headers.ETag.ToString();
        Response.Headers.Remove("ETag");
        if (found.Value is not { } listing)
        {
            return NotFound();
        }

        (Id, Reference) = (id, listing.Reference);
        var form = ListingForm.From(listing, await LocationLookup.NameAsync(db, listing.Location.Id, cancellationToken), etag);
        View = new ListingFormView(form, await ListingFormChoices.LoadAsync(db, cancellationToken), new FormErrors(), null, false, $"/listings/{id}/edit");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, [FromForm(Name = "form")] ListingForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var locationId = await LocationLookup.ResolveAsync(db, form.Location, cancellationToken);
        Request.Headers.IfMatch = form.ETag;
        var outcome = ApiOutcome.From<ListingInfo>(await ListingsApi.UpdateAsync(id, form.ToRequest(creating: false, locationId), HttpContext, db, clock, cancellationToken));
        Response.Headers.Remove("ETag");
        if (outcome.Succeeded)
        {
            TempData["Done"] = "Changes saved.";
            return Redirect($"/listings/{id}");
        }

        if (outcome.IsNotFound)
        {
            return NotFound();
        }

        Id = id;
        Reference = await db.Listings.Where(l => l.Id == id).Select(l => l.Reference).FirstOrDefaultAsync(cancellationToken) ?? "";
        View = new ListingFormView(form, await ListingFormChoices.LoadAsync(db, cancellationToken), new FormErrors(outcome.Errors),
            outcome.Problem is null ? null : outcome.Message, false, $"/listings/{id}/edit");
        return Page();
    }
}
