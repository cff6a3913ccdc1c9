using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Pace.Common;

namespace Pace.Client;

/// <summary>
/// JSON as the PACE API speaks it: camelCase properties, enums as snake_case names, and partial updates that send
/// only what was set — a property <c>X</c> with a <c>HasX</c> flag, or of a type with a <c>Has("X")</c> method, is
/// written when the caller set it (so an explicit null clears), any other null is left out.
/// </summary>
public static class PaceJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OnlyWhatWasSet } },
        };
        options.Converters.Add(new JsonStringEnumConverter(new SnakeCaseNaming(), allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: false);
        return options;
    }

    private static void OnlyWhatWasSet(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        // A request that records which properties were set (ListingRequest) says so through Has(name).
        var has = type.Type.GetMethod("Has", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance, [typeof(string)]);
        foreach (var property in type.Properties)
        {
            // What the server leaves out (a listing's owner for those who may not see it) is simply absent here, even
            // where the shared contract marks it required for the server's own code.
            property.IsRequired = false;
            var clr = property.AttributeProvider as PropertyInfo;
            var flag = clr is null ? null : type.Type.GetProperty("Has" + clr.Name, BindingFlags.Public | BindingFlags.Instance);
            property.ShouldSerialize = flag?.PropertyType == typeof(bool)
                ? (owner, value) => value is not null || (bool)flag.GetValue(owner)!
                : has?.ReturnType == typeof(bool) && clr is not null
                    ? (owner, value) => value is not null || (bool)has.Invoke(owner, [clr.Name])!
                    : (_, value) => value is not null;
        }
    }

    private sealed class SnakeCaseNaming : JsonNamingPolicy
    {
        public override string ConvertName(string name) => SnakeCase.Of(name);
    }
}
