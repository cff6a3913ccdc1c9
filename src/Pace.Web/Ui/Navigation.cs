using Microsoft.AspNetCore.Html;
using Pace.Identity;

namespace Pace.Web.Ui;

/// <summary>One entry of the main navigation.</summary>
public sealed record NavItem(string Label, string Path, string Icon);

/// <summary>One titled group of the main navigation.</summary>
public sealed record NavSection(string Title, IReadOnlyList<NavItem> Items);

/// <summary>
/// The role-aware main navigation: every role has the agent's day-to-day pages, a manager adds the team's, an admin
/// adds the administration. One list, so the layout and the browser tests that visit every page agree.
/// </summary>
public static class Navigation
{
    private static readonly NavSection Work = new("Work",
    [
        new("My day", "/", "home"),
        new("Applicants", "/applicants", "users"),
        new("Listings", "/listings", "building"),
        new("Calendar", "/calendar", "calendar"),
    ]);

    private static readonly NavSection Team = new("Team",
    [
        new("Team", "/team", "chart"),
        new("Approvals", "/approvals", "check"),
        new("Pipeline", "/pipeline", "columns"),
    ]);

    private static readonly NavSection Administration = new("Administration",
    [
        new("Users", "/admin/users", "user"),
        new("Teams", "/admin/teams", "users"),
        new("Reference data", "/admin/reference", "list"),
        new("Tokens", "/admin/tokens", "key"),
        new("Audit", "/admin/audit", "shield"),
        new("Settings", "/admin/settings", "settings"),
    ]);

    public static IReadOnlyList<NavSection> For(UserRole? role) => role switch
    {
        UserRole.Admin => [Work, Team, Administration],
        UserRole.Manager => [Work, Team],
        _ => [Work],
    };

    /// <summary>Whether <paramref name="item"/> is the current page or one of its children (<c>/applicants/…</c>).</summary>
    public static bool IsCurrent(NavItem item, string path)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Path == "/"
            ? path is "/" or ""
            : path.Equals(item.Path, StringComparison.OrdinalIgnoreCase) || path.StartsWith(item.Path + "/", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Inline SVG icons (Lucide-style strokes), decorative: their text is always beside them.</summary>
public static class Icons
{
    private static readonly Dictionary<string, string> Paths = new(StringComparer.Ordinal)
    {
        ["home"] = "<path d=\"M3 10.5 12 3l9 7.5\"/><path d=\"M5 9.5V21h14V9.5\"/><path d=\"M10 21v-6h4v6\"/>",
        ["users"] = "<circle cx=\"9\" cy=\"8\" r=\"3.5\"/><path d=\"M2.5 20c.8-3.6 3.4-5.5 6.5-5.5s5.7 1.9 6.5 5.5\"/><path d=\"M16 4.8a3.5 3.5 0 0 1 0 6.4\"/><path d=\"M18 14.8c1.9.7 3.1 2.4 3.5 5.2\"/>",
        ["user"] = "<circle cx=\"12\" cy=\"8\" r=\"4\"/><path d=\"M4 21c1-4 4-6 8-6s7 2 8 6\"/>",
        ["building"] = "<rect x=\"4\" y=\"3\" width=\"16\" height=\"18\" rx=\"1.5\"/><path d=\"M9 7h2M13 7h2M9 11h2M13 11h2M9 15h2M13 15h2M10 21v-3h4v3\"/>",
        ["calendar"] = "<rect x=\"3\" y=\"5\" width=\"18\" height=\"16\" rx=\"2\"/><path d=\"M3 10h18M8 3v4M16 3v4\"/>",
        ["chart"] = "<path d=\"M4 20V10M10 20V4M16 20v-7M22 20H2\"/>",
        ["check"] = "<circle cx=\"12\" cy=\"12\" r=\"9\"/><path d=\"m8 12 3 3 5-6\"/>",
        ["columns"] = "<rect x=\"3\" y=\"4\" width=\"5\" height=\"16\" rx=\"1\"/><rect x=\"10\" y=\"4\" width=\"5\" height=\"11\" rx=\"1\"/><rect x=\"17\" y=\"4\" width=\"4\" height=\"7\" rx=\"1\"/>",
        ["list"] = "<path d=\"M8 6h13M8 12h13M8 18h13M3.5 6h.01M3.5 12h.01M3.5 18h.01\"/>",
        ["key"] = "<circle cx=\"8\" cy=\"15\" r=\"4\"/><path d=\"m11 12 9-9M17 6l3 3M14 9l2 2\"/>",
        ["shield"] = "<path d=\"M12 3 4 6v6c0 5 3.5 8 8 9 4.5-1 8-4 8-9V6z\"/>",
        ["settings"] = "<circle cx=\"12\" cy=\"12\" r=\"3\"/><path d=\"M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z\"/>",
        ["search"] = "<circle cx=\"11\" cy=\"11\" r=\"7\"/><path d=\"m20 20-3.5-3.5\"/>",
        ["bell"] = "<path d=\"M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9\"/><path d=\"M10.3 21a1.9 1.9 0 0 0 3.4 0\"/>",
        ["plus"] = "<path d=\"M12 5v14M5 12h14\"/>",
        ["phone"] = "<path d=\"M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1.9.4 1.8.7 2.7a2 2 0 0 1-.5 2.1L8 9.8a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.7.7a2 2 0 0 1 1.7 2z\"/>",
        ["mail"] = "<rect x=\"3\" y=\"5\" width=\"18\" height=\"14\" rx=\"2\"/><path d=\"m3 7 9 6 9-6\"/>",
        ["grid"] = "<rect x=\"3\" y=\"3\" width=\"7\" height=\"7\" rx=\"1\"/><rect x=\"14\" y=\"3\" width=\"7\" height=\"7\" rx=\"1\"/><rect x=\"3\" y=\"14\" width=\"7\" height=\"7\" rx=\"1\"/><rect x=\"14\" y=\"14\" width=\"7\" height=\"7\" rx=\"1\"/>",
        ["logout"] = "<path d=\"M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4M16 17l5-5-5-5M21 12H9\"/>",
        ["x"] = "<path d=\"M18 6 6 18M6 6l12 12\"/>",
        ["merge"] = "<path d=\"M6 3v6a6 6 0 0 0 6 6h6\"/><path d=\"M18 3v18\"/><path d=\"m15 12 3 3-3 3\"/>",
    };

    public static IHtmlContent Svg(string name) => new HtmlString(
        "<svg class=\"icon\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 24 24\" fill=\"none\" stroke=\"currentColor\" " +
        "stroke-width=\"1.8\" stroke-linecap=\"round\" stroke-linejoin=\"round\">" + Paths[name] + "</svg>");
}
