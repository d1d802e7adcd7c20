namespace Glance.Benchmarks;

/// <summary>One repetition of the throughput measurements, all on the same file.</summary>
internal sealed record ThroughputRepetition(
    TimeSpan FloorUpload,
    TimeSpan Sha512Sum,
    TimeSpan SasUpload,
    TimeSpan? SasImportingSeen,
    TimeSpan SasActive,
    CpuUsage ValidationCpu,
    TimeSpan SingleStreamGet,
    TimeSpan SingleStreamGetAzuriteCpu,
    TimeSpan SingleStreamGetClientCpu,
    TimeSpan InProcessReadAndHash,
    TimeSpan InMemorySha512,
    TimeSpan InMemorySha512Cpu,
    TimeSpan InMemoryMd5Cpu,
    TimeSpan GetFile,
    TimeSpan SdkDownload,
    OperationOutcome PutFile,
    SmallPutComparison? SmallPut)
{
    public TimeSpan Floor => FloorUpload + Sha512Sum;

    /// <summary>From the end of the client's upload to the first poll that saw the image active.</summary>
    public TimeSpan Validation => SasActive - SasUpload;
}
