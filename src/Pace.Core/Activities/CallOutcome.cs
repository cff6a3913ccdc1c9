namespace Pace.Activities;

/// <summary>How a call ended, as logged by the agent or reported by the call center.</summary>
public enum CallOutcome
{
    Answered,
    NoAnswer,
    Busy,
    Voicemail,
    WrongNumber,
    Failed,
}
