namespace Glance.Benchmarks;

/// <summary>What the service process did during one operation: its memory, its read/write system calls, and the
/// bytes it exchanged with the benchmark's client and with blob storage (counted by the proxies).</summary>
internal sealed record ServiceWindow(
    string Operation, OperationOutcome Outcome, CpuUsage Cpu, long RssBefore, MemoryWindow Memory, IoCounters Io,
    long ClientToService, long ServiceToClient, long ServiceToBlobs, long BlobsToService);
