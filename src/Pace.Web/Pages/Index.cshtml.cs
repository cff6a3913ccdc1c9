using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pace.Data;
using Pace.Identity;
using Pace.Web.Identity;

namespace Pace.Web.Pages;

/// <summary>The landing page of a signed-in person: who they are and the part of PACE their role starts from.</summary>
[Authorize(Policy = PacePolicies.Staff)]
public sealed class IndexModel(PaceDbContext db) : PageModel
{
    public string Name { get; private set; } = "";

    public string RoleLabel { get; private set; } = "";

    public string Heading { get; private set; } = "";

    public string? TeamName { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = User.ToActor();
        Name = User.FindFirst(PaceClaims.Name)?.Value ?? "";
        (RoleLabel, Heading) = actor.Role switch
        {
            UserRole.Admin => ("Admin", "Administration"),
            UserRole.Manager => ("Manager", "Team"),
            _ => ("Agent", "My day"),
        };
        if (actor.TeamId is { } teamId)
        {
            TeamName = await db.Teams.AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken);
        }
    }
}
