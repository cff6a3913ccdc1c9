namespace Pace.Testing;

/// <summary>
/// A clock the test moves by hand (expiry, rotation, lockout windows) instead of sleeping. It starts at the real time
/// unless told otherwise, so tokens a peer issues are current.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public TestClock()
        : this(DateTimeOffset.UtcNow)
    {
    }

    public DateTimeOffset Now => GetUtcNow();

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
