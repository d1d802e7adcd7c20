namespace Glance.Benchmarks;

/// <summary>The service-process measurements for one image size: SAS upload + validation, GET /file, PUT /file.</summary>
/// <param name="StartedRss">RSS once the service answers its first request.</param>
/// <param name="WarmUpPeak">Peak RSS while a small image went through every path (a PUT /file allocates the upload buffers).</param>
/// <param name="WarmRss">RSS after the warm-up, before the measured operations.</param>
/// <param name="PollCost">The service's CPU time per GET /v2/images/{id} late in the warm-up (the blob poller's and the JIT's included).</param>
/// <param name="PollJitCost">The JIT thread's part of <paramref name="PollCost"/>.</param>
internal sealed record MemoryRun(
    int SizeMiB, long StartedRss, long WarmUpPeak, long WarmRss, TimeSpan PollCost, TimeSpan PollJitCost,
    ServiceWindow Sas, ServiceWindow Get, ServiceWindow Put)
{
    public long SizeBytes => SizeMiB * 1024L * 1024L;

    public IEnumerable<ServiceWindow> Windows => [Sas, Get, Put];
}
