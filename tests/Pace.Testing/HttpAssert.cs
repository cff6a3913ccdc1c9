using System.Net;
using System.Text.Json;

namespace Pace.Testing;

public static class HttpAssert
{
    /// <summary>GETs <paramref name="path"/> and returns the status and the parsed JSON body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return (response.StatusCode, document.RootElement.Clone());
    }
}
