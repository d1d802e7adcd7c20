using System.Diagnostics;
using Azure.Storage.Blobs;
using Glance.Domain.Data;

namespace Glance.Benchmarks;

/// <summary>
/// The service's own read-and-hash code (<see cref="ImageDataHasher"/> over one GET of the blob) run in the benchmark
/// process, with no service around it: the most validation can reach on this machine, so that the report can tell
/// what the hashing costs from what the service's path adds (blob detection, table writes, the status polls).
/// </summary>
internal static class InProcessValidation
{
    public static async Task<(TimeSpan Elapsed, string Sha512)> ReadAndHashAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var hasher = new ImageDataHasher("sha512", long.MaxValue);
        var response = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
        await using var content = response.Value.Content;
        var facts = await hasher.ConsumeAsync(content, cancellationToken);
        return (clock.Elapsed, facts.OsHashValue);
    }
}
