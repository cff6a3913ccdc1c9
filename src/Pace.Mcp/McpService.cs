namespace Pace.Mcp;

/// <summary>The pace-mcp service: its name in logs and traces, and the type tests start it by.</summary>
public sealed class McpService
{
    public const string Name = "pace-mcp";

    private McpService()
    {
    }
}
