namespace Glance.Benchmarks;

/// <summary>
/// CPU used by the service and by Azurite during an operation. The JIT and GC parts and the waiting times are
/// lower bounds (threads that ended meanwhile are not counted); the totals are exact.
/// </summary>
internal readonly record struct CpuUsage(
    TimeSpan Service, TimeSpan ServiceJit, TimeSpan ServiceGc, TimeSpan ServiceWaiting, TimeSpan Azurite, TimeSpan AzuriteWaiting);
