using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pace.Applicants;
using Pace.Common;
using Pace.Data;
using Pace.Listings;
using Pace.Reference;
using Pace.Web.Applicants;
using Pace.Web.Common;
using Pace.Web.Identity;
using Pace.Web.Listings;
using Pace.Web.Ui;

namespace Pace.Web.Pages.Applicants;

/// <summary>
/// A new applicant with what they are looking for, through the API's create handler (validation, duplicates, lead
/// assignment). A refused form comes back as it was typed, with each error beside its field.
/// </summary>
[Authorize(Policy = PacePolicies.Staff)]
public sealed class NewModel(PaceDbContext db, TimeProvider clock) : PageModel
{
    public ApplicantForm Form { get; private set; } = new();

    public IReadOnlyList<Choice> PropertyTypes { get; private set; } = [];

    public FormErrors Errors { get; private set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        PropertyTypes = await ReferenceChoices.ListAsync(db, ReferenceKind.PropertyType, cancellationToken);

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "form")] ApplicantForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Guid? locationId = null;
        if (!string.IsNullOrWhiteSpace(form.Location))
        {
            locationId = await LocationLookup.ResolveAsync(db, form.Location, cancellationToken);
            if (locationId is null)
            {
                errors["requirements[0].locationIds"] = [$"No place is called {form.Location.Trim()}: pick one from the list."];
            }
        }

        if (errors.Count == 0)
        {
            var outcome = ApiOutcome.From<ApplicantSaved>(await ApplicantsApi.CreateAsync(form.ToRequest(locationId), HttpContext, db, clock, cancellationToken));
            if (outcome.Value is { } saved)
            {
                return Redirect($"/applicants/{saved.Applicant.Id}");
            }

            errors = new Dictionary<string, string[]>(outcome.Errors, StringComparer.Ordinal);
        }

        Form = form;
        Errors = new FormErrors(errors);
        PropertyTypes = await ReferenceChoices.ListAsync(db, ReferenceKind.PropertyType, cancellationToken);
        return Page();
    }

    /// <summary>The area picker's suggestions, as the person types (htmx fills the datalist).</summary>
    public async Task<IActionResult> OnGetPlacesAsync([FromQuery(Name = "form.Location")] string? location, CancellationToken cancellationToken) =>
        Partial("/Pages/Listings/_PlaceOptions.cshtml", await LocationLookup.SearchAsync(db, location ?? "", 12, cancellationToken));

    /// <summary>The form as typed; the requirement is sent when any of its fields is filled.</summary>
    public sealed class ApplicantForm
    {
        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Phone { get; set; }

        public bool WhatsApp { get; set; } = true;

        public string? Email { get; set; }

        public string? Source { get; set; }

        public string? Language { get; set; }

        public string? Nationality { get; set; }

        public string? Notes { get; set; }

        public string? Purpose { get; set; } = "sale";

        public string[] PropertyTypes { get; set; } = [];

        public string? Location { get; set; }

        public short? BedroomsMin { get; set; }

        public short? BedroomsMax { get; set; }

        public decimal? BudgetMinAed { get; set; }

        public decimal? BudgetMaxAed { get; set; }

        public DateOnly? MoveInBy { get; set; }

        public string? RequirementNotes { get; set; }

        public bool HasRequirement => PropertyTypes.Length > 0 || !string.IsNullOrWhiteSpace(Location) || BedroomsMin is not null
            || BedroomsMax is not null || BudgetMinAed is not null || BudgetMaxAed is not null || MoveInBy is not null
            || !string.IsNullOrWhiteSpace(RequirementNotes);

        public CreateApplicantRequest ToRequest(Guid? locationId)
        {
            RequirementInput[]? requirements = null;
            if (HasRequirement)
            {
                Purpose? purpose = SnakeCaseNaming.TryParse<Purpose>(Purpose, out var wanted) ? wanted : null;
                requirements =
                [
                    new RequirementInput(purpose, PropertyCategory.Residential, PropertyTypes, locationId is { } place ? [place] : [],
                        BedroomsMin, BedroomsMax, null, Fils(BudgetMinAed), Fils(BudgetMaxAed), null, null, MoveInBy, null, null, true,
                        Blank(RequirementNotes)),
                ];
            }

            LeadSource? source = SnakeCaseNaming.TryParse<LeadSource>(Source, out var parsed) ? parsed : null;
            return new CreateApplicantRequest(
                ContactKind.Applicant, FirstName, Blank(LastName), Blank(Language), Blank(Nationality), source, null, null, null, Blank(Notes),
                string.IsNullOrWhiteSpace(Phone) ? [] : [new PhoneInput(Phone, null, true, WhatsApp)],
                string.IsNullOrWhiteSpace(Email) ? [] : [Email.Trim()],
                requirements, null);
        }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        private static long? Fils(decimal? aed) => aed is { } amount && amount is >= 0 and < 1_000_000_000_000m ? Money.FromAed(amount).Minor : null;
    }
}
