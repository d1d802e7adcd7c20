using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Glance.LocalServers;

namespace Glance.Benchmarks;

/// <summary>
/// Runs every measurement in one run on one machine: first the throughput phase (our paths and their raw floors,
/// interleaved per repetition so drifting noise hits both), then the service-process phase (peak memory, CPU and
/// bytes moved, on a fresh local host per image size with counting proxies on both of its sides).
/// </summary>
internal sealed class DataBenchmark(BenchOptions options, RepositoryLayout repo)
{
    /// <summary>
    /// PUT /file of the sizes measured here is over the Functions host's default body limit (100 MB), which the service
    /// enforces with 413; the benchmark measures the path itself, so its local host accepts any size the cap allows.
    /// </summary>
    private static readonly string[] PutFileSettings = ["--Glance:Api:MaxRequestBodyBytes", (8L * 1024 * 1024 * 1024).ToString(CultureInfo.InvariantCulture)];

    private const string ImagesContainer = "images";
    private const string FloorContainer = "bench-floor";
    // Below Kestrel's default 30,000,000-byte request body limit, which the local host keeps: the size of the
    // warm-up image, and of the PUT /file measured when a full-size one is refused.
    private const long SmallSize = 28L * 1024 * 1024;
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    // Polling this long first brings the service's GC heap to its steady size (it grows for a few hundred
    // requests), so that growth is not mistaken for memory that grows with the image.
    private static readonly TimeSpan WarmUpPolling = TimeSpan.FromSeconds(12);
    private readonly Stopwatch _run = Stopwatch.StartNew();

    public async Task<ReportTable> RunAsync(CancellationToken cancellationToken)
    {
        var loadAtStart = ProcFs.LoadAverage();
        using var work = new WorkFolder();
        Log($"work folder {work.Path}; writing a {options.SizeMiB} MiB file of random bytes");
        var file = await work.CreateRandomFileAsync($"image-{options.SizeMiB}.bin", options.SizeBytes, cancellationToken);
        var smallFile = await work.CreateRandomFileAsync("image-small.bin", SmallSize, cancellationToken);
        var repetitions = await RunThroughputAsync(work, file, smallFile, cancellationToken);
        var memoryRuns = new List<MemoryRun>();
        await using (var azurite = await AzuriteServer.StartAsync(repo, work.Child("azurite-memory"), cancellationToken))
        {
            foreach (var sizeMiB in options.MemorySizesMiB)
            {
                memoryRuns.Add(await RunServiceProcessAsync(work, azurite, sizeMiB, file, smallFile, cancellationToken));
            }
        }
        Log("done");
        return DataReport.Build(options, SmallSize, repetitions, memoryRuns, $"1-min load average {loadAtStart} at start, {ProcFs.LoadAverage()} at end");
    }

    private async Task<List<ThroughputRepetition>> RunThroughputAsync(WorkFolder work, string file, string smallFile, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteServer.StartAsync(repo, work.Child("azurite-throughput"), cancellationToken);
        await using var service = await LocalHostProcess.StartAsync(repo, azurite.ConnectionString, cancellationToken, PutFileSettings);
        Log($"Azurite (pid {azurite.ProcessId}) and the local host (pid {service.ProcessId}) are up");
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var floorContainer = blobs.GetBlobContainerClient(FloorContainer);
        await floorContainer.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var images = blobs.GetBlobContainerClient(ImagesContainer);
        using var api = new GlanceApi(service.BaseAddress);
        var size = options.SizeBytes;
        var results = new List<ThroughputRepetition>();
        for (var rep = 1; rep <= options.Repetitions; rep++)
        {
            var tag = $"rep {rep}/{options.Repetitions}";

            Log($"{tag}: floor: SDK upload + sha512sum");
            var floorBlob = floorContainer.GetBlobClient($"floor-{rep}");
            var floorUpload = await RawFloors.UploadAsync(floorBlob, file, cancellationToken);
            var (sha512Sum, digest) = await RawFloors.Sha512SumAsync(file, cancellationToken);
            await floorBlob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

            Log($"{tag}: ours: POST upload-url, SDK upload to the URL, poll until active");
            var sasImage = await api.CreateImageAsync($"bench-sas-{rep}", cancellationToken);
            var url = await api.IssueUploadUrlAsync(sasImage, cancellationToken);
            var clock = Stopwatch.StartNew();
            await new BlobClient(url).UploadAsync(file, new BlobUploadOptions { TransferOptions = RawFloors.TransferOptions }, cancellationToken);
            var uploaded = clock.Elapsed;
            var cpuBefore = CpuSnapshot.Read(service.ProcessId, azurite.ProcessId);
            var trace = await api.WaitUntilActiveAsync(sasImage, clock, PollInterval, PollTimeout(size), cancellationToken);
            var validationCpu = CpuSnapshot.Read(service.ProcessId, azurite.ProcessId).Since(cpuBefore);
            if (!string.Equals(trace.HashValue, digest, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"Image {sasImage} is active with os_hash_value {trace.HashValue}, but sha512sum says {digest}.");
            }

            Log($"{tag}: floor: single-stream GET of the same blob; the same GET read and hashed in this process; ours: GET /file; floor: SDK download");
            var sasBlob = images.GetBlobClient(sasImage);
            var (azuriteCpuBefore, clientCpuBefore) = (ProcFs.ReadCpu(azurite.ProcessId), ProcFs.ReadCpu(Environment.ProcessId));
            var (singleGet, got) = await RawFloors.ReadSingleStreamAsync(sasBlob, cancellationToken);
            var singleGetAzuriteCpu = ProcFs.ReadCpu(azurite.ProcessId) - azuriteCpuBefore;
            var singleGetClientCpu = ProcFs.ReadCpu(Environment.ProcessId) - clientCpuBefore;
            EnsureSize(got, size, "the single-stream GET");
            var (readAndHash, inProcessDigest) = await InProcessValidation.ReadAndHashAsync(sasBlob, cancellationToken);
            if (!string.Equals(inProcessDigest, digest, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The in-process read and hash of {sasImage} gave {inProcessDigest}, but sha512sum says {digest}.");
            }
            // Alternate which download goes first, so a cache or drift effect does not always favour one side.
            TimeSpan getFile, sdkDownload;
            if (rep % 2 == 1)
            {
                getFile = await TimeGetFileAsync(api, sasImage, size, cancellationToken);
                sdkDownload = await RawFloors.DownloadAsync(sasBlob, cancellationToken);
            }
            else
            {
                sdkDownload = await RawFloors.DownloadAsync(sasBlob, cancellationToken);
                getFile = await TimeGetFileAsync(api, sasImage, size, cancellationToken);
            }
            await api.DeleteImageAsync(sasImage, cancellationToken);

            Log($"{tag}: floor: in-memory SHA-512 (and MD5, for the CPU budget); ours: PUT /file");
            var (sha512, sha512Cpu) = RawFloors.HashInMemory(size, HashAlgorithmName.SHA512);
            var (_, md5Cpu) = RawFloors.HashInMemory(size, HashAlgorithmName.MD5);
            var putImage = await api.CreateImageAsync($"bench-put-{rep}", cancellationToken);
            var put = await TryPutAsync(api, service, putImage, file, cancellationToken);
            await api.DeleteImageAsync(putImage, cancellationToken);
            SmallPutComparison? smallPut = null;
            if (!put.Succeeded)
            {
                Log($"{tag}: PUT /file failed; floor and ours again with a {SmallSize / (1024 * 1024)} MiB file");
                var smallFloor = await RawFloors.UploadAsync(floorBlob, smallFile, cancellationToken);
                await floorBlob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
                putImage = await api.CreateImageAsync($"bench-put-small-{rep}", cancellationToken);
                smallPut = new SmallPutComparison(smallFloor, await TryPutAsync(api, service, putImage, smallFile, cancellationToken));
                await api.DeleteImageAsync(putImage, cancellationToken);
            }
            service.EnsureRunning();

            var result = new ThroughputRepetition(floorUpload, sha512Sum, uploaded, trace["importing"], trace["active"]!.Value, validationCpu,
                singleGet, singleGetAzuriteCpu, singleGetClientCpu, readAndHash, sha512, sha512Cpu, md5Cpu, getFile, sdkDownload, put, smallPut);
            results.Add(result);
            Log(string.Create(CultureInfo.InvariantCulture,
                $"{tag}: floor {result.Floor.TotalSeconds:0.00} s, SAS->active {result.SasActive.TotalSeconds:0.00} s " +
                $"(validation {result.Validation.TotalSeconds:0.00} s), GET {getFile.TotalSeconds:0.00} s, ") +
                (put.Succeeded ? string.Create(CultureInfo.InvariantCulture, $"PUT {put.Elapsed.TotalSeconds:0.00} s") : $"PUT failed: {put.Error}"));
        }
        return results;
    }

    private async Task<MemoryRun> RunServiceProcessAsync(
        WorkFolder work, AzuriteServer azurite, int sizeMiB, string mainFile, string smallFile, CancellationToken cancellationToken)
    {
        var size = sizeMiB * 1024L * 1024L;
        var ownFile = size != options.SizeBytes;
        Log($"memory and I/O, {sizeMiB} MiB: {(ownFile ? "writing the file, " : "")}starting a fresh local host");
        var file = ownFile ? await work.CreateRandomFileAsync($"image-{sizeMiB}.bin", size, cancellationToken) : mainFile;
        try
        {
            // The service reaches blob storage through one counting proxy and is reached through another.
            await using var storage = new CountingProxy(azurite.BlobPort);
            await using var service = await LocalHostProcess.StartAsync(repo, azurite.ConnectionStringWithBlobPort(storage.Port), cancellationToken, PutFileSettings);
            await using var proxy = new CountingProxy(service.Port);
            var traffic = new ServiceTraffic(proxy, storage);
            using var api = new GlanceApi(proxy.BaseAddress);
            using var sampler = new MemorySampler(service.ProcessId);
            Log($"memory and I/O, {sizeMiB} MiB: warming the service up (a small image through every path, {WarmUpPolling.TotalSeconds:0} s of polling)");
            var started = sampler.StartWindow();
            var pollCost = await WarmUpAsync(api, service, azurite, smallFile, cancellationToken);
            var warmUp = sampler.EndWindow();
            var warm = ProcFs.ReadMemory(service.ProcessId).Rss;

            string? image = null;
            Log($"memory and I/O, {sizeMiB} MiB: SAS upload + validation");
            var sas = await MeasureAsync("SAS upload + validation", service, azurite, traffic, sampler, async () =>
            {
                image = await api.CreateImageAsync($"bench-memory-sas-{sizeMiB}", cancellationToken);
                // The URL names the service's storage endpoint (the proxy); the client talks to Azurite itself, as a
                // real client talks to the storage account, so the proxy counts only the service's own traffic.
                var url = new UriBuilder(await api.IssueUploadUrlAsync(image, cancellationToken)) { Port = azurite.BlobPort }.Uri;
                var clock = Stopwatch.StartNew();
                await new BlobClient(url).UploadAsync(file, new BlobUploadOptions { TransferOptions = RawFloors.TransferOptions }, cancellationToken);
                await api.WaitUntilActiveAsync(image, clock, PollInterval, PollTimeout(size), cancellationToken);
                return null;
            }, cancellationToken);

            Log($"memory and I/O, {sizeMiB} MiB: GET /file");
            var get = await MeasureAsync("GET /file", service, azurite, traffic, sampler, async () =>
            {
                await TimeGetFileAsync(api, image!, size, cancellationToken);
                return null;
            }, cancellationToken);
            await api.DeleteImageAsync(image!, cancellationToken);

            Log($"memory and I/O, {sizeMiB} MiB: PUT /file");
            image = await api.CreateImageAsync($"bench-memory-put-{sizeMiB}", cancellationToken);
            var put = await MeasureAsync("PUT /file", service, azurite, traffic, sampler,
                async () => (await TryPutAsync(api, service, image, file, cancellationToken)).Error, cancellationToken);
            await api.DeleteImageAsync(image, cancellationToken);
            return new MemoryRun(sizeMiB, started, warmUp.Peak, warm, pollCost.PerPoll, pollCost.JitPerPoll, sas, get, put);
        }
        finally
        {
            if (ownFile)
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>
    /// What a service in use has already done: JIT-compiled the data paths and grown its GC heap to the size its
    /// request rate keeps. Without it, the longer run of the larger image would look like memory growing with size.
    /// Returns the service's CPU time per status poll in the second half of the polling, and the JIT's share of it.
    /// </summary>
    private static async Task<(TimeSpan PerPoll, TimeSpan JitPerPoll)> WarmUpAsync(
        GlanceApi api, LocalHostProcess service, AzuriteServer azurite, string smallFile, CancellationToken cancellationToken)
    {
        var image = await api.CreateImageAsync("bench-warm-up-sas", cancellationToken);
        var url = new UriBuilder(await api.IssueUploadUrlAsync(image, cancellationToken)) { Port = azurite.BlobPort }.Uri;
        await new BlobClient(url).UploadAsync(smallFile, new BlobUploadOptions { TransferOptions = RawFloors.TransferOptions }, cancellationToken);
        await api.WaitUntilActiveAsync(image, Stopwatch.StartNew(), PollInterval, PollTimeout(SmallSize), cancellationToken);
        await api.DownloadFileAsync(image, cancellationToken);
        var clock = Stopwatch.StartNew();
        (TimeSpan Cpu, ThreadCpu Jit)? before = null;
        var polls = 0;
        while (clock.Elapsed < WarmUpPolling)
        {
            if (before is null && clock.Elapsed > WarmUpPolling / 2)
            {
                before = (ProcFs.ReadCpu(service.ProcessId), ProcFs.ReadThreadCpu(service.ProcessId, CpuSnapshot.JitThread));
            }
            await api.ShowAsync(image, cancellationToken);
            polls += before is null ? 0 : 1;
            await Task.Delay(PollInterval, cancellationToken);
        }
        polls = Math.Max(polls, 1);
        var pollCost = ((ProcFs.ReadCpu(service.ProcessId) - before!.Value.Cpu) / polls,
            ProcFs.ReadThreadCpu(service.ProcessId, CpuSnapshot.JitThread).Since(before.Value.Jit) / polls);
        await api.DeleteImageAsync(image, cancellationToken);
        image = await api.CreateImageAsync("bench-warm-up-put", cancellationToken);
        await api.PutFileAsync(image, smallFile, cancellationToken);
        await api.DeleteImageAsync(image, cancellationToken);
        return pollCost;
    }

    /// <param name="run">The operation; returns null, or why the service failed it.</param>
    private static async Task<ServiceWindow> MeasureAsync(
        string operation, LocalHostProcess service, AzuriteServer azurite, ServiceTraffic traffic, MemorySampler sampler, Func<Task<string?>> run,
        CancellationToken cancellationToken)
    {
        // Let the previous operation's stragglers (poller, GC) settle so they are not billed to this one.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var rssBefore = sampler.StartWindow();
        var ioBefore = ProcFs.ReadIo(service.ProcessId);
        var before = traffic.Read();
        var cpuBefore = CpuSnapshot.Read(service.ProcessId, azurite.ProcessId);
        var clock = Stopwatch.StartNew();
        var error = await run();
        var elapsed = clock.Elapsed;
        var memory = sampler.EndWindow();
        var io = ProcFs.ReadIo(service.ProcessId) - ioBefore;
        var moved = traffic.Read() - before;
        var cpu = CpuSnapshot.Read(service.ProcessId, azurite.ProcessId).Since(cpuBefore);
        service.EnsureRunning();
        return new ServiceWindow(operation, new OperationOutcome(elapsed, error), cpu, rssBefore, memory, io,
            moved.ClientToService, moved.ServiceToClient, moved.ServiceToBlobs, moved.BlobsToService);
    }

    /// <summary>
    /// PUT /file, timed. A failure the service reports (an error status, or the connection closed mid-body, which is
    /// how HttpClient sees an early error response) is a result to report, with the exception the service logged.
    /// </summary>
    private static async Task<OperationOutcome> TryPutAsync(
        GlanceApi api, LocalHostProcess service, string imageId, string file, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await api.PutFileAsync(imageId, file, cancellationToken);
            return new OperationOutcome(clock.Elapsed, null);
        }
        catch (Exception e) when (e is GlanceApiException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            var elapsed = clock.Elapsed;
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken); // for the service's log line to arrive
            var message = e is HttpRequestException { InnerException: { } inner } ? $"{e.Message} ({inner.Message})" : e.Message;
            var logged = service.LastLoggedException();
            return new OperationOutcome(elapsed, logged is null ? message : $"{message}; the service logged: {logged}");
        }
    }

    private static async Task<TimeSpan> TimeGetFileAsync(GlanceApi api, string imageId, long size, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var bytes = await api.DownloadFileAsync(imageId, cancellationToken);
        var elapsed = clock.Elapsed;
        EnsureSize(bytes, size, "GET /file");
        return elapsed;
    }

    private static void EnsureSize(long actual, long expected, string what)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"{what} returned {actual} bytes, expected {expected}.");
        }
    }

    // Generous: a stuck validation should fail the run, a slow machine should not.
    private static TimeSpan PollTimeout(long size) => TimeSpan.FromSeconds(Math.Max(300, size / 5e6));

    private void Log(string message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_run.Elapsed.TotalSeconds,6:0.0}s] {message}"));
}
