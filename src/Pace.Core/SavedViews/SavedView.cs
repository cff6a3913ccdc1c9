using Pace.Common;

namespace Pace.SavedViews;

/// <summary>
/// A person's named filter of a list page ("Hot JVC buyers" on the applicants list): the normalised query string of
/// that page's known filters, private to its owner.
/// </summary>
public sealed class SavedView : Entity
{
    /// <summary>The longest name a view may have.</summary>
    public const int NameLength = 100;

    /// <summary>How many views one person may keep per page: the chips above a list stay a short row, not a second list.</summary>
    public const int PerUserAndPage = 50;

    public Guid UserId { get; set; }

    /// <summary>The list page the view belongs to (<c>applicants</c>).</summary>
    public required string Page { get; set; }

    public required string Name { get; set; }

    /// <summary>The name lower-cased: names are unique per person and page regardless of case.</summary>
    public required string NameKey { get; set; }

    /// <summary>The filters, as the page's query string without the leading <c>?</c> (<c>q=jvc&amp;stage=qualified</c>).</summary>
    public required string Query { get; set; }
}
