using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pace.Activities;

/// <summary>
/// The kind-specific JSON object of a timeline entry (<see cref="Activity.Data"/>), camelCase like the API; a
/// property without a value is left out.
/// </summary>
public static class ActivityData
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static string Of(object value) => JsonSerializer.Serialize(value, Json);
}
