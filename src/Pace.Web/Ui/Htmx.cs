namespace Pace.Web.Ui;

/// <summary>What an htmx request asks for, and how a page answers one.</summary>
public static class Htmx
{
    /// <summary>
    /// Whether the request wants a fragment to swap into the page it came from; a boosted link or a history restore
    /// (the back button with nothing cached) wants the whole page.
    /// </summary>
    public static bool WantsFragment(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = request.Headers;
        return headers.ContainsKey("HX-Request") && !headers.ContainsKey("HX-Boosted") && !headers.ContainsKey("HX-History-Restore-Request");
    }

    /// <summary>Shows a toast once htmx has swapped the answer in (app.js listens for the event).</summary>
    public static void Toast(HttpResponse response, string message)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers["HX-Trigger"] = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["toast"] = message });
    }
}
