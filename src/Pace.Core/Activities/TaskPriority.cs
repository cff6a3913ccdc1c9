namespace Pace.Activities;

public enum TaskPriority
{
    Normal,
    High,
}
