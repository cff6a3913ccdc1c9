namespace Pace.Sandbox;

/// <summary>The pace-sandbox service: its name in logs and traces, and the type tests start it by.</summary>
public sealed class SandboxService
{
    public const string Name = "pace-sandbox";

    private SandboxService()
    {
    }
}
