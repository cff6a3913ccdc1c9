using System.Runtime.InteropServices;

namespace Pace.Local;

/// <summary>The one POSIX call .NET does not offer: sending a signal other than SIGKILL to a process.</summary>
internal static partial class Native
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/>; a process that has already exited is not an error.</summary>
    public static void Signal(int processId, int signal) => _ = Kill(processId, signal);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int processId, int signal);
}
