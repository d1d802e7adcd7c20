using System.Globalization;
using Glance.Benchmarks.Support;

namespace Glance.Benchmarks;

/// <summary>Turns the measurements into the report: medians, ratios against the floors, and the issue's goals.</summary>
internal static class DataReport
{
    private const double MemoryLimitMB = 300;
    // "Flat in image size": four times the bytes may cost at most this much more peak memory.
    private const double FlatGrowthLimit = 1.15;
    private const double SasRequestBytesLimitMB = 1;

    public static ReportTable Build(
        BenchOptions options, long smallSize, IReadOnlyList<ThroughputRepetition> reps, IReadOnlyList<MemoryRun> memory, string load)
    {
        var table = new ReportTable(F($"Glance image data benchmark: {options.SizeMiB} MiB image, {reps.Count} repetition(s), medians; ") +
            F($"MB = 10^6 bytes; {Environment.ProcessorCount} cores, {load}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC"));
        AddThroughput(table, options.SizeBytes, smallSize, reps);
        AddMemory(table, smallSize, memory);
        AddBytes(table, memory);
        return table;
    }

    private static void AddThroughput(ReportTable table, long size, long smallSize, IReadOnlyList<ThroughputRepetition> reps)
    {
        double Median(Func<ThroughputRepetition, TimeSpan> pick) => Stats.Median(reps.Select(r => pick(r).TotalSeconds));
        double MedianRate(Func<ThroughputRepetition, TimeSpan> pick) => Stats.Median(reps.Select(r => Stats.MBps(size, pick(r))));
        // Each repetition pairs our path with its floor measured a few seconds apart, so the ratio is taken per
        // repetition and its median reported: slow drift in the machine's load then cancels out.
        double MedianRatio(Func<ThroughputRepetition, double> ratio) => Stats.Median(reps.Select(ratio));
        string Each(Func<ThroughputRepetition, TimeSpan> pick) => string.Join(" / ", reps.Select(r => F($"{pick(r).TotalSeconds:0.00}")));
        double ValidationFloor(ThroughputRepetition r) => Math.Min(Stats.MBps(size, r.SingleStreamGet), Stats.MBps(size, r.InMemorySha512));

        table.Section(F($"Throughput, {size / (1024 * 1024)} MiB file: medians of {reps.Count}; ratio = median of the per-repetition ratios"));

        var ratio = MedianRatio(r => r.SasActive / r.Floor);
        table.Row("SAS upload -> active (s)", F($"{Median(r => r.SasActive):0.00} s"), F($"{Median(r => r.Floor):0.00} s"), Ratio(ratio), Goal.AtMost(1.3), ratio);
        table.Note(F($"floor = SDK upload {Median(r => r.FloorUpload):0.00} s + sha512sum {Median(r => r.Sha512Sum):0.00} s (8 MiB blocks x4, both sides)"));
        var importing = reps.Where(r => r.SasImportingSeen is not null).ToList();
        var split = importing.Count == 0 ? "'importing' never seen (validation shorter than a poll)" :
            F($"upload end -> 'importing' first seen {Stats.Median(importing.Select(r => (r.SasImportingSeen!.Value - r.SasUpload).TotalSeconds)):0.00} s, ") +
            F($"'importing' -> 'active' {Stats.Median(importing.Select(r => (r.SasActive - r.SasImportingSeen!.Value).TotalSeconds)):0.00} s");
        table.Note(F($"ours = upload to the URL {Median(r => r.SasUpload):0.00} s + upload end -> active {Median(r => r.Validation):0.00} s ({split})"));
        table.Note($"each run (s): ours {Each(r => r.SasActive)}; floor {Each(r => r.Floor)}");

        var get = MedianRate(r => r.SingleStreamGet);
        var hash = MedianRate(r => r.InMemorySha512);
        var validationFloor = Stats.Median(reps.Select(ValidationFloor));
        ratio = MedianRatio(r => Stats.MBps(size, r.Validation) / ValidationFloor(r));
        table.Row("validation throughput (MB/s)", F($"{MedianRate(r => r.Validation):0.0}"), F($"{validationFloor:0.0}"), Ratio(ratio), Goal.AtLeast(0.8), ratio);
        table.Note(F($"ours = bytes / (upload end -> active, incl. blob detection); floor = min(single-stream blob GET {get:0.0}, in-memory SHA-512 {hash:0.0})"));
        if (importing.Count > 0)
        {
            var hashing = Stats.Median(importing.Select(r => Stats.MBps(size, r.SasActive - r.SasImportingSeen!.Value)));
            table.Note(F($"'importing' -> 'active' alone (read + hash + activate, no detection): {hashing:0.0} MB/s = {hashing / validationFloor:0.00}x floor"));
        }
        var inProcess = MedianRatio(r => Stats.MBps(size, r.InProcessReadAndHash) / ValidationFloor(r));
        table.Note(F($"the same read + hash code (ImageDataHasher over one GET) in the benchmark process, no service: {MedianRate(r => r.InProcessReadAndHash):0.0} MB/s = {inProcess:0.00}x floor"));
        table.Note($"each run (s): upload end -> active {Each(r => r.Validation)}; in-process read + hash {Each(r => r.InProcessReadAndHash)}; single GET {Each(r => r.SingleStreamGet)}; SHA-512 {Each(r => r.InMemorySha512)}");
        var serviceCpu = Stats.Median(reps.Select(r => r.ValidationCpu.Service.TotalSeconds));
        var serviceWaiting = Stats.Median(reps.Select(r => r.ValidationCpu.ServiceWaiting.TotalSeconds));
        var azuriteCpu = Stats.Median(reps.Select(r => r.ValidationCpu.Azurite.TotalSeconds));
        var validationSeconds = Median(r => r.Validation);
        var gigabytes = size / 1e9;
        var jit = Stats.Median(reps.Select(r => r.ValidationCpu.ServiceJit.TotalSeconds));
        var gc = Stats.Median(reps.Select(r => r.ValidationCpu.ServiceGc.TotalSeconds));
        table.Note(F($"CPU during upload end -> active ({validationSeconds:0.00} s): service {serviceCpu:0.00} s = {serviceCpu / gigabytes:0.00} s/GB ") +
            F($"({serviceCpu / validationSeconds:0.00} cores; JIT thread >= {jit:0.00} s, GC threads >= {gc:0.00} s), Azurite {azuriteCpu:0.00} s = {azuriteCpu / gigabytes:0.00} s/GB;"));
        table.Note(F($"  the service's threads also waited >= {serviceWaiting:0.00} s for a CPU busy with other work"));
        // What validation cannot do without on this machine, whatever the code: Azurite serves the blob, .NET reads it,
        // MD5 (Glance's checksum) and SHA-512 hash it; all on the same cores.
        double PerGB(Func<ThroughputRepetition, TimeSpan> pick) => Stats.Median(reps.Select(r => pick(r).TotalSeconds)) / gigabytes;
        var (serve, read, md5, sha512) = (PerGB(r => r.SingleStreamGetAzuriteCpu), PerGB(r => r.SingleStreamGetClientCpu), PerGB(r => r.InMemoryMd5Cpu), PerGB(r => r.InMemorySha512Cpu));
        var needed = serve + read + md5 + sha512;
        var ceiling = Environment.ProcessorCount / needed * 1000;
        table.Note(F($"CPU-s per GB here: Azurite serving a GET {serve:0.00}, .NET reading it {read:0.00}, MD5 {md5:0.00}, SHA-512 {sha512:0.00}: ") +
            F($"validation needs >= {needed:0.00}; on {Environment.ProcessorCount} cores at best {ceiling:0} MB/s = {ceiling / validationFloor:0.00}x the floor"));

        ratio = MedianRatio(r => r.SdkDownload / r.GetFile);
        table.Row("GET /file throughput (MB/s)", F($"{MedianRate(r => r.GetFile):0.0}"), F($"{MedianRate(r => r.SdkDownload):0.0}"), Ratio(ratio), Goal.AtLeast(0.8), ratio);
        table.Note(F($"floor = SDK DownloadToAsync (8 MiB ranges x4) of the same blob; vs single-stream GET: {MedianRatio(r => r.SingleStreamGet / r.GetFile):0.00}x"));
        table.Note($"each run (s): ours {Each(r => r.GetFile)}; floor {Each(r => r.SdkDownload)}");

        var upload = MedianRate(r => r.FloorUpload);
        var puts = reps.Where(r => r.PutFile.Succeeded).ToList();
        if (puts.Count == 0)
        {
            table.Error("PUT /file throughput (MB/s)", Goal.AtLeast(0.8).Text, F($"every PUT /file failed (floor: SDK upload {upload:0.0} MB/s): {reps[0].PutFile.Error}"));
        }
        else
        {
            ratio = Stats.Median(puts.Select(r => r.FloorUpload / r.PutFile.Elapsed));
            table.Row("PUT /file throughput (MB/s)", F($"{Stats.Median(puts.Select(r => Stats.MBps(size, r.PutFile.Elapsed))):0.0}"), F($"{upload:0.0}"),
                Ratio(ratio), Goal.AtLeast(0.8), ratio);
            table.Note($"floor = SDK upload of the same file; each run (s): ours {string.Join(" / ", reps.Select(r => r.PutFile.Succeeded ? F($"{r.PutFile.Elapsed.TotalSeconds:0.00}") : "failed"))}; floor {Each(r => r.FloorUpload)}");
            foreach (var failed in reps.Where(r => !r.PutFile.Succeeded).Select(r => r.PutFile.Error).Distinct())
            {
                table.Note("error: " + failed);
            }
        }
        var small = reps.Where(r => r.SmallPut is { Put.Succeeded: true }).Select(r => r.SmallPut!).ToList();
        if (small.Count > 0)
        {
            table.Row(F($"PUT /file throughput, {smallSize / (1024 * 1024)} MiB (MB/s)"),
                F($"{Stats.Median(small.Select(p => Stats.MBps(smallSize, p.Put.Elapsed))):0.0}"),
                F($"{Stats.Median(small.Select(p => Stats.MBps(smallSize, p.FloorUpload))):0.0}"),
                Ratio(Stats.Median(small.Select(p => p.FloorUpload / p.Put.Elapsed))));
            table.Note("no goal: the largest size the local host accepts (Kestrel's 30 MB body limit), to show the path's speed anyway;");
            table.Note("fixed costs (image create, lease, activation) weigh more at this size.");
        }
    }

    private static void AddMemory(ReportTable table, long smallSize, IReadOnlyList<MemoryRun> runs)
    {
        table.Section("Service process memory (fresh local host per size; peak = max(VmHWM reset per operation, VmRSS sampled every 50 ms); its timings include the proxies: see the throughput section for speed)");
        foreach (var run in runs)
        {
            foreach (var window in run.Windows)
            {
                var peak = Stats.MB(window.Memory.Peak);
                var measurement = F($"peak RSS, {window.Operation}, {run.SizeMiB} MiB");
                if (window.Outcome.Succeeded)
                {
                    table.Row(measurement, F($"{peak:0.0} MB"), "", "", Goal.Below(MemoryLimitMB, " MB"), peak);
                }
                else
                {
                    table.Error(measurement, Goal.Below(MemoryLimitMB, " MB").Text,
                        F($"the service failed it after {window.Outcome.Elapsed.TotalSeconds:0.0} s (peak until then {peak:0.0} MB): {window.Outcome.Error}"));
                }
            }
            table.Note(F($"{run.SizeMiB} MiB: RSS after start-up {Stats.MB(run.StartedRss):0.0} MB; warm-up (a {Stats.MB(smallSize):0.0} MB image ") +
                F($"through SAS, GET, PUT; polling) peaked at {Stats.MB(run.WarmUpPeak):0.0} and left {Stats.MB(run.WarmRss):0.0} MB"));
            foreach (var w in run.Windows)
            {
                table.Note(F($"  {w.Operation}: RSS before {Stats.MB(w.RssBefore):0.0}, sampled max {Stats.MB(w.Memory.SampledMax):0.0}, ") +
                    F($"VmHWM {Stats.MB(w.Memory.KernelPeak):0.0}{(w.Memory.PeakIsPerWindow ? "" : " (lifetime: reset refused)")} MB; ") +
                    F($"{w.Outcome.Elapsed.TotalSeconds:0.0} s; CPU service {w.Cpu.Service.TotalSeconds:0.0} s (JIT >= {w.Cpu.ServiceJit.TotalSeconds:0.0}, GC >= {w.Cpu.ServiceGc.TotalSeconds:0.0}; ") +
                    F($"waited >= {w.Cpu.ServiceWaiting.TotalSeconds:0.0} s), ") +
                    F($"Azurite {w.Cpu.Azurite.TotalSeconds:0.0} s (waited >= {w.Cpu.AzuriteWaiting.TotalSeconds:0.0} s)"));
            }
            var pollShare = run.PollCost / DataBenchmark.PollInterval;
            table.Note(F($"  a status poll cost the service {run.PollCost.TotalMilliseconds:0.0} ms CPU late in the warm-up (JIT thread >= ") +
                F($"{run.PollJitCost.TotalMilliseconds:0.0} ms of it; the blob poller's listing included): {pollShare:0%} of a core at one poll per ") +
                F($"{DataBenchmark.PollInterval.TotalMilliseconds:0} ms"));
        }
        if (runs.Count == 2)
        {
            var (small, large) = runs[0].SizeMiB <= runs[1].SizeMiB ? (runs[0], runs[1]) : (runs[1], runs[0]);
            foreach (var (s, l) in small.Windows.Zip(large.Windows).Where(p => p.First.Outcome.Succeeded && p.Second.Outcome.Succeeded))
            {
                var growth = (double)l.Memory.Peak / s.Memory.Peak;
                table.Row(F($"peak RSS growth, {s.Operation}, {small.SizeMiB} -> {large.SizeMiB} MiB"), Ratio(growth), "", "",
                    Goal.AtMost(FlatGrowthLimit), growth);
            }
        }
    }

    private static void AddBytes(ReportTable table, IReadOnlyList<MemoryRun> runs)
    {
        table.Section("Bytes through the service (counting proxies on its HTTP port and between it and Azurite's blob port; /proc/<pid>/io)");
        foreach (var run in runs)
        {
            table.Row(F($"SAS path: blob storage -> service, {run.SizeMiB} MiB"), Bytes(run.Sas.BlobsToService, run.SizeBytes));
            table.Row(F($"SAS path: bytes client -> service, {run.SizeMiB} MiB"), Bytes(run.Sas.ClientToService, run.SizeBytes), "", "",
                Goal.Below(SasRequestBytesLimitMB, " MB"), Stats.MB(run.Sas.ClientToService));
        }
        const string columns = "{0,-26}{1,-19}{2,-19}{3,-19}{4,-19}{5,-17}{6}";
        foreach (var run in runs)
        {
            table.Note(string.Format(CultureInfo.InvariantCulture, columns, F($"{run.SizeMiB} MiB = {Stats.MB(run.SizeBytes):0.0} MB"),
                "client -> service", "service -> client", "service -> blobs", "blobs -> service", "rchar", "wchar"));
            foreach (var w in run.Windows)
            {
                table.Note(string.Format(CultureInfo.InvariantCulture, columns, w.Operation + (w.Outcome.Succeeded ? "" : " (FAILED)"),
                    Bytes(w.ClientToService, run.SizeBytes), Bytes(w.ServiceToClient, run.SizeBytes),
                    Bytes(w.ServiceToBlobs, run.SizeBytes), Bytes(w.BlobsToService, run.SizeBytes),
                    Bytes(w.Io.Read, run.SizeBytes), Bytes(w.Io.Written, run.SizeBytes)).TrimEnd());
            }
        }
        table.Note("The client uploads to the SAS URL straight to Azurite (as to a storage account), so only the service's own storage");
        table.Note("traffic passes the blob proxy. Expected: SAS: client -> service ~0 (JSON and polls), blobs -> service ~1x (validation");
        table.Note("reads the blob once), service -> blobs ~0: 1x crosses the service, none of it from the client. PUT /file: client -> service");
        table.Note("~1x and service -> blobs ~1x: 2x. GET /file: blobs -> service ~1x and service -> client ~1x: 2x.");
        table.Note("rchar/wchar stay ~0: Linux counts read()/write()-family calls there, and .NET sockets use send/recv(msg), which it does");
        table.Note("not count; so they only show that the service did no file I/O with the image, and the proxies do the counting.");
    }

    private static string Bytes(long bytes, long image)
    {
        var text = bytes < 1_000_000 ? F($"{bytes / 1e3:0.0} kB") : F($"{bytes / 1e6:0.0} MB");
        return F($"{text} {(double)bytes / image:0.000}x");
    }

    private static string Ratio(double ratio) => F($"{ratio:0.00}x");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
