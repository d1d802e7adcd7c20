namespace Glance.Benchmarks;

/// <summary>CPU time of some threads of a process, by thread id.</summary>
internal sealed class ThreadCpu(IReadOnlyDictionary<string, TimeSpan> byThread)
{
    private readonly IReadOnlyDictionary<string, TimeSpan> _byThread = byThread;

    /// <summary>
    /// CPU the threads used since <paramref name="before"/>: a thread that started since counts from zero. .NET
    /// starts and ends its JIT and GC helper threads as needed, so the time of one that ended meanwhile is
    /// lost: a lower bound.
    /// </summary>
    public TimeSpan Since(ThreadCpu before) =>
        _byThread.Aggregate(TimeSpan.Zero, (sum, thread) => sum + thread.Value - before._byThread.GetValueOrDefault(thread.Key));
}
