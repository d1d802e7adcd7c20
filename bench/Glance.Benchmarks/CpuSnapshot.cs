namespace Glance.Benchmarks;

/// <summary>
/// CPU time of the service (with its JIT and GC threads apart) and of Azurite so far, and time their threads were
/// runnable but waiting for a CPU; <see cref="Since"/> turns two snapshots into a <see cref="CpuUsage"/>.
/// </summary>
internal sealed record CpuSnapshot(
    TimeSpan Service, ThreadCpu ServiceJit, ThreadCpu ServiceGc, TimeSpan ServiceWaiting, TimeSpan Azurite, TimeSpan AzuriteWaiting)
{
    public const string JitThread = ".NET Tiered Com";

    public static CpuSnapshot Read(int servicePid, int azuritePid) => new(
        ProcFs.ReadCpu(servicePid),
        ProcFs.ReadThreadCpu(servicePid, JitThread),
        ProcFs.ReadThreadCpu(servicePid, ".NET Server GC", ".NET BGC"),
        ProcFs.ReadWaiting(servicePid),
        ProcFs.ReadCpu(azuritePid),
        ProcFs.ReadWaiting(azuritePid));

    public CpuUsage Since(CpuSnapshot before) => new(
        Service - before.Service, ServiceJit.Since(before.ServiceJit), ServiceGc.Since(before.ServiceGc),
        ServiceWaiting - before.ServiceWaiting, Azurite - before.Azurite, AzuriteWaiting - before.AzuriteWaiting);
}
