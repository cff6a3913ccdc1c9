using System.Runtime.InteropServices;

namespace Pace.Local;

/// <summary>
/// Turns SIGINT (Ctrl+C), SIGTERM and SIGHUP into a cancellation, so the launcher stops what it started instead of
/// dying with it. With <c>interrupt: false</c> Ctrl+C is left to the foreground child (psql) and ignored here.
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _received;

    public ShutdownSignals(bool interrupt = true)
    {
        Register(PosixSignal.SIGTERM);
        Register(PosixSignal.SIGHUP);
        if (interrupt)
        {
            Register(PosixSignal.SIGINT);
        }
        else
        {
            _registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true));
        }
    }

    public CancellationToken Token => _cancellation.Token;

    public bool Received => Volatile.Read(ref _received) != 0;

    /// <summary>The conventional exit code of a process ended by the signal received (130 for SIGINT).</summary>
    public int ExitCode => (PosixSignal)Volatile.Read(ref _received) switch
    {
        PosixSignal.SIGINT => 130,
        PosixSignal.SIGTERM => 143,
        PosixSignal.SIGHUP => 129,
        _ => 1,
    };

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancellation.Dispose();
    }

    private void Register(PosixSignal signal) =>
        _registrations.Add(PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            if (Interlocked.CompareExchange(ref _received, (int)context.Signal, 0) == 0)
            {
                // Not Cancel(): its callbacks would run on the signal handling thread.
                _ = _cancellation.CancelAsync();
            }
        }));
}
