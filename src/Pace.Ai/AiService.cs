namespace Pace.Ai;

/// <summary>The pace-ai service: its name in logs and traces, and the type tests start it by.</summary>
public sealed class AiService
{
    public const string Name = "pace-ai";

    private AiService()
    {
    }
}
