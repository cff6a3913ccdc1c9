using System.ComponentModel.DataAnnotations;

namespace Pace.Web.SavedViews;

/// <summary>A saved view: its name, its filters as a query string, and the list's address with them applied.</summary>
public sealed record SavedViewInfo(Guid Id, string Page, string Name, string Query, string Url, DateTimeOffset CreatedAt);

/// <summary>The caller's views, by name; never more than the cap per page, so one answer holds them all.</summary>
public sealed record SavedViewList(IReadOnlyList<SavedViewInfo> Items);

/// <summary>
/// Save <c>query</c> (the list's query string, with or without its <c>?</c>) as <c>name</c> for <c>page</c>; only
/// the page's known filters are kept, so paging cursors and unknown keys are dropped.
/// </summary>
public sealed record CreateSavedViewRequest([Required] string? Page, [Required] string? Name, [Required] string? Query);
