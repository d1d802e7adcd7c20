using System.Diagnostics;
using System.Security.Cryptography;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Glance.Benchmarks;

/// <summary>
/// The raw floors: what the platform does with no service in between (the Azure SDK against Azurite, the real
/// sha512sum, .NET's SHA-512 over memory). Each returns its elapsed time.
/// </summary>
internal static class RawFloors
{
    /// <summary>8 MiB blocks, four at a time: the transfer options of every SDK upload and download here, ours included.</summary>
    public static StorageTransferOptions TransferOptions { get; } = new()
    {
        InitialTransferSize = 8 * 1024 * 1024,
        MaximumTransferSize = 8 * 1024 * 1024,
        MaximumConcurrency = 4,
    };

    /// <summary>BlobClient.UploadAsync of a file (Put Block ×N + Put Block List).</summary>
    public static async Task<TimeSpan> UploadAsync(BlobClient blob, string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await blob.UploadAsync(path, new BlobUploadOptions { TransferOptions = TransferOptions }, cancellationToken);
        return clock.Elapsed;
    }

    /// <summary>One GET of the whole blob read to the end on one stream (what a validator reading it once can reach).</summary>
    public static async Task<(TimeSpan Elapsed, long Bytes)> ReadSingleStreamAsync(BlobClient blob, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var response = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
        await using var content = response.Value.Content;
        var bytes = await Drain.ReadToEndAsync(content, cancellationToken);
        return (clock.Elapsed, bytes);
    }

    /// <summary>BlobClient.DownloadToAsync with the same transfer options as the uploads (parallel ranged GETs).</summary>
    public static async Task<TimeSpan> DownloadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await blob.DownloadToAsync(Stream.Null, new BlobDownloadToOptions { TransferOptions = TransferOptions }, cancellationToken);
        return clock.Elapsed;
    }

    /// <summary>The real `sha512sum` of the file; returns the elapsed time and the hex digest.</summary>
    public static async Task<(TimeSpan Elapsed, string Digest)> Sha512SumAsync(string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var start = new ProcessStartInfo("sha512sum") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("sha512sum could not be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var elapsed = clock.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"sha512sum exited with {process.ExitCode}: {await error}");
        }
        return (elapsed, (await output).Split(' ', 2)[0]);
    }

    /// <summary>
    /// .NET's incremental hash over <paramref name="size"/> bytes fed in 4 MiB chunks from a 64 MiB buffer, on one
    /// thread; returns the elapsed time and this process's CPU time meanwhile (the hashing, as nothing else runs).
    /// </summary>
    public static (TimeSpan Elapsed, TimeSpan Cpu) HashInMemory(long size, HashAlgorithmName algorithm)
    {
        const int chunk = 4 * 1024 * 1024;
        var buffer = new byte[64 * 1024 * 1024];
        Random.Shared.NextBytes(buffer);
        using var hash = IncrementalHash.CreateHash(algorithm);
        var cpu = ProcFs.ReadCpu(Environment.ProcessId);
        var clock = Stopwatch.StartNew();
        for (long done = 0, offset = 0; done < size; offset = (offset + chunk) % buffer.Length)
        {
            var length = (int)Math.Min(chunk, size - done);
            hash.AppendData(buffer.AsSpan((int)offset, length));
            done += length;
        }
        hash.GetHashAndReset();
        return (clock.Elapsed, ProcFs.ReadCpu(Environment.ProcessId) - cpu);
    }
}
