namespace Glance.Benchmarks;

/// <summary>
/// Samples a process's VmRSS every 50 ms on a thread of its own (thread-pool starvation under load must not
/// thin the samples) and keeps the largest sample since the last <see cref="StartWindow"/>. A sample can miss a
/// short spike; the kernel's VmHWM, reset at the start of each window, cannot, so both are reported.
/// </summary>
internal sealed class MemorySampler : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);
    private readonly int _pid;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private long _windowMax;
    private int _windowSamples;
    private bool _peakResettable;

    public MemorySampler(int pid)
    {
        _pid = pid;
        _thread = new Thread(Run) { IsBackground = true, Name = "rss-sampler" };
        _thread.Start();
    }

    /// <summary>Starts a measurement window: the sampled maximum and the kernel's peak both restart from now.</summary>
    public long StartWindow()
    {
        _peakResettable = ProcFs.TryResetPeak(_pid);
        var (rss, _) = ProcFs.ReadMemory(_pid);
        lock (_gate)
        {
            _windowMax = rss;
            _windowSamples = 0;
        }
        return rss;
    }

    /// <summary>The window's largest 50 ms sample and the kernel's peak (VmHWM; the lifetime peak if it could not be reset).</summary>
    public MemoryWindow EndWindow()
    {
        var (rss, peak) = ProcFs.ReadMemory(_pid);
        lock (_gate)
        {
            return new MemoryWindow(Math.Max(_windowMax, rss), peak, _peakResettable, _windowSamples);
        }
    }

    private void Run()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var (rss, _) = ProcFs.ReadMemory(_pid);
                lock (_gate)
                {
                    _windowMax = Math.Max(_windowMax, rss);
                    _windowSamples++;
                }
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                return; // The process is gone; the caller notices that on its own.
            }
            _stop.Token.WaitHandle.WaitOne(Interval);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
