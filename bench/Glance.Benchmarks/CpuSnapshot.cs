namespace Glance.Benchmarks;

/// <summary>
/// CPU time of the service (and of its JIT and GC threads) and of Azurite so far, and time their threads were
/// runnable but waiting for a CPU: which of them the cores went to, and how much others took.
/// </summary>
internal readonly record struct CpuSnapshot(
    TimeSpan Service, TimeSpan ServiceJit, TimeSpan ServiceGc, TimeSpan ServiceWaiting, TimeSpan Azurite, TimeSpan AzuriteWaiting)
{
    public static CpuSnapshot Read(int servicePid, int azuritePid) => new(
        ProcFs.ReadCpu(servicePid),
        ProcFs.ReadThreadCpu(servicePid, ".NET Tiered Com"),
        ProcFs.ReadThreadCpu(servicePid, ".NET Server GC") + ProcFs.ReadThreadCpu(servicePid, ".NET BGC"),
        ProcFs.ReadWaiting(servicePid),
        ProcFs.ReadCpu(azuritePid),
        ProcFs.ReadWaiting(azuritePid));

    public static CpuSnapshot operator -(CpuSnapshot after, CpuSnapshot before) => new(
        after.Service - before.Service, after.ServiceJit - before.ServiceJit, after.ServiceGc - before.ServiceGc,
        after.ServiceWaiting - before.ServiceWaiting, after.Azurite - before.Azurite, after.AzuriteWaiting - before.AzuriteWaiting);
}
