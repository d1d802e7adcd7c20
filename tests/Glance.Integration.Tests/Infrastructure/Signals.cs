using System.Runtime.InteropServices;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>POSIX signals to processes the tests started themselves (Process.Kill only sends SIGKILL).</summary>
internal static class Signals
{
    public const int Term = 15;

    public static void Send(int processId, int signal)
    {
        if (kill(processId, signal) != 0)
        {
            throw new InvalidOperationException($"kill({processId}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
