namespace Glance.Benchmarks;

/// <summary>Resident memory of the service during one operation, in bytes.</summary>
/// <param name="SampledMax">Largest VmRSS seen by the 50 ms sampler.</param>
/// <param name="KernelPeak">VmHWM at the end: the exact peak of the window when <paramref name="PeakIsPerWindow"/>.</param>
internal sealed record MemoryWindow(long SampledMax, long KernelPeak, bool PeakIsPerWindow, int Samples)
{
    /// <summary>The best-known peak: the kernel's when it covers just this window, else the sampled one.</summary>
    public long Peak => PeakIsPerWindow ? Math.Max(KernelPeak, SampledMax) : SampledMax;
}
