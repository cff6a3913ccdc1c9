namespace Pace.Web;

/// <summary>The pace-web service: its name in logs and traces, and the type tests start it by.</summary>
public sealed class WebService
{
    public const string Name = "pace-web";

    private WebService()
    {
    }
}
