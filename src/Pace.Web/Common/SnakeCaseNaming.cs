using System.Text.Json;
using Pace.Data.Common;

namespace Pace.Web.Common;

/// <summary>The names the database stores (<see cref="ModelConventions.ToSnakeCase"/>), so an enum reads the same in SQL and JSON.</summary>
public sealed class SnakeCaseNaming : JsonNamingPolicy
{
    public static readonly SnakeCaseNaming Instance = new();

    public override string ConvertName(string name) => ModelConventions.ToSnakeCase(name);
}
