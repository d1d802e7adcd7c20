using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Azure.Storage.Blobs;

namespace Glance.Upload;

/// <summary>
/// The command from top to bottom: pick or create the image (or the one an interrupted run left), upload the
/// missing blocks through an upload URL, commit them, wait for the service's validation and report its verdict.
/// Progress and results go to <c>output</c>; why the command could not go on (exit code 3) to <c>error</c>.
/// </summary>
internal sealed class UploadCommand(UploadOptions options, TextWriter output, TextWriter error, bool interactive)
{
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(5);
    // The service records a validation's failure just after it returns the image to queued.
    private static readonly TimeSpan FailedTaskGrace = TimeSpan.FromSeconds(10);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var file = new FileInfo(options.FilePath);
        using var api = new GlanceApiClient(options);
        var (image, journal) = await ResolveImageAsync(api, file, cancellationToken);
        // A run killed between Put Block List and the journal's save: the commit was ours, only the verdict is missing.
        if (journal is not null && image.Status is "importing" or "active")
        {
            journal.MarkCommitted();
        }
        if (journal is not { Committed: true })
        {
            if (image.Status is not ("queued" or "uploading"))
            {
                error.WriteLine($"glance-upload: image {image.Id} is {image.Status}: the service takes data only for a queued image (or one still uploading through an upload URL).");
                return ExitCodes.ServiceError;
            }
            if (journal is null || journal.BlockSize != options.BlockSize)
            {
                journal = UploadJournal.Start(options.StateDirectory, options.Endpoint, file, image.Id, options.BlockSize);
            }
            try
            {
                await UploadAsync(api, file, journal, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                output.WriteLine($"Interrupted: {journal.StagedCount} of {BlockUploader.BlockCount(file.Length, journal.BlockSize)} blocks are staged " +
                    $"for image {image.Id}. Run the same command again to upload only the missing ones.");
                return ExitCodes.Interrupted;
            }
            catch (GlanceApiException e) when (e.Status == HttpStatusCode.Conflict)
            {
                error.WriteLine($"glance-upload: the service will not take data for image {image.Id} now. {e.Message}");
                return ExitCodes.ServiceError;
            }
        }
        try
        {
            return await WaitForVerdictAsync(api, image.Id, journal, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.WriteLine($"Interrupted while image {image.Id} is being validated; run the same command again to wait for the result.");
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>The image to upload to, and the journal of an earlier run for this file and image, if any.</summary>
    private async Task<(ImageInfo Image, UploadJournal? Journal)> ResolveImageAsync(GlanceApiClient api, FileInfo file, CancellationToken cancellationToken)
    {
        var journal = UploadJournal.Find(options.StateDirectory, options.Endpoint, file);
        if (journal is not null && (options.ImageId ?? journal.ImageId) == journal.ImageId)
        {
            if (await api.FindImageAsync(journal.ImageId, cancellationToken) is { } earlier)
            {
                output.WriteLine($"Resuming the upload of {file.Name} to image {earlier.Id} ({earlier.Status}).");
                return (earlier, journal);
            }
            journal.Delete();
            output.WriteLine($"Image {journal.ImageId} of an interrupted upload of {file.Name} is gone; starting over.");
        }
        if (options.ImageId is { } id)
        {
            var existing = await api.FindImageAsync(id, cancellationToken)
                ?? throw new GlanceApiException(HttpStatusCode.NotFound, $"Image {id} was not found.");
            return (existing, null);
        }
        var created = await api.CreateImageAsync(options, cancellationToken);
        output.WriteLine($"Created image {created.Id} ({options.Name}).");
        return (created, null);
    }

    private async Task UploadAsync(GlanceApiClient api, FileInfo file, UploadJournal journal, CancellationToken cancellationToken)
    {
        var blobOptions = new BlobClientOptions();
        // A block of several MiB on a slow line takes longer than the SDK's default 100 s per try.
        blobOptions.Retry.NetworkTimeout = TimeSpan.FromMinutes(5);
        var urls = new UploadUrlSource(api, journal.ImageId, file.Length, blobOptions);
        await urls.GetAsync(cancellationToken); // Moves the image to uploading, or says why not, before any work.
        var checksum = Task.Run(() => Md5Async(file.FullName, cancellationToken), cancellationToken);
        var blocks = BlockUploader.BlockCount(file.Length, journal.BlockSize);
        var skipped = journal.StagedCount;
        var skippedBytes = Enumerable.Range(0, blocks).Where(journal.IsStaged).Sum(b => (long)BlockUploader.BlockLength(b, file.Length, journal.BlockSize));
        if (skipped > 0)
        {
            output.WriteLine($"{skipped} of {blocks} blocks were staged by an earlier run: skipping them.");
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Uploading {(file.Length - skippedBytes) / (1024.0 * 1024):0.0} MiB: {Blocks(blocks - skipped)} of {journal.BlockSize / (1024 * 1024)} MiB, {options.MaxParallel} at a time."));
        var clock = Stopwatch.StartNew();
        using var handle = File.OpenHandle(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        (int Blocks, long Bytes) uploaded;
        await using (var progress = new ProgressReporter(output, interactive, file.Length, skippedBytes))
        {
            var uploader = new BlockUploader(urls, journal, progress, options.MaxParallel);
            uploaded = await uploader.UploadMissingAsync(handle, file.Length, cancellationToken);
            try
            {
                await uploader.CommitAsync(file.Length, await checksum, cancellationToken);
            }
            catch (MissingBlocksException e)
            {
                output.WriteLine($"{e.Message} Uploading every block again.");
                journal.ClearStaged();
                uploaded = await uploader.UploadMissingAsync(handle, file.Length, cancellationToken);
                await uploader.CommitAsync(file.Length, await checksum, cancellationToken);
            }
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var md5 = await checksum;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Uploaded {Blocks(uploaded.Blocks)}, skipped {skipped}, in {seconds:0.0} s ({uploaded.Bytes / 1e6 / Math.Max(seconds, 0.001):0.0} MB/s); committed with md5 {md5}."));
        if (urls.Renewals > 0)
        {
            output.WriteLine($"The upload URL expired during the upload and was renewed {urls.Renewals} time(s).");
        }
    }

    /// <summary>Polls the image with backoff until the validation decides: active, or back to queued (refused).</summary>
    private async Task<int> WaitForVerdictAsync(GlanceApiClient api, string imageId, UploadJournal? journal, CancellationToken cancellationToken)
    {
        output.WriteLine($"Waiting for the service to validate image {imageId}...");
        var clock = Stopwatch.StartNew();
        string? lastStatus = null;
        while (true)
        {
            var image = await api.FindImageAsync(imageId, cancellationToken)
                ?? throw new GlanceApiException(HttpStatusCode.NotFound, $"Image {imageId} was deleted while it was being validated.");
            if (image.Status != lastStatus && lastStatus is not null)
            {
                output.WriteLine($"  {lastStatus} -> {image.Status}");
            }
            lastStatus = image.Status;
            switch (image.Status)
            {
                case "active":
                    journal?.Delete();
                    output.WriteLine($"Image {image.Id} is active.");
                    output.WriteLine($"  id:            {image.Id}");
                    output.WriteLine($"  status:        {image.Status}");
                    output.WriteLine($"  size:          {image.Size}");
                    output.WriteLine($"  checksum:      {image.Checksum}");
                    output.WriteLine($"  os_hash_algo:  {image.OsHashAlgo}");
                    output.WriteLine($"  os_hash_value: {image.OsHashValue}");
                    return ExitCodes.Active;
                case "queued" or "killed":
                    journal?.Delete();
                    output.WriteLine($"Image {image.Id} was not accepted (it is {image.Status} again): {await FailureReasonAsync(api, imageId, cancellationToken)}");
                    return ExitCodes.Refused;
            }
            if (clock.Elapsed > options.WaitTimeout)
            {
                error.WriteLine($"glance-upload: image {imageId} is still {image.Status} after {options.WaitTimeout.TotalMinutes:0} minutes; " +
                    "run the same command again to keep waiting, or look at GET /v2/images/{id}/tasks.");
                return ExitCodes.ServiceError;
            }
            // Backoff in proportion to the wait so far: the verdict is seen at most about 10% later than it came,
            // and a long validation costs the service a poll every few seconds only.
            await Task.Delay(TimeSpan.FromTicks(Math.Clamp(clock.Elapsed.Ticks / 10, FirstPoll.Ticks, LongestPoll.Ticks)), cancellationToken);
        }
    }

    private static async Task<string> FailureReasonAsync(GlanceApiClient api, string imageId, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var task = await api.FindLatestTaskAsync(imageId, cancellationToken);
            if (task is { Status: "failure" } failed)
            {
                return failed.Message;
            }
            if (deadline.Elapsed > FailedTaskGrace)
            {
                return task is null ? "the service recorded no task for it." : $"its latest task is {task.Value.Status}: {task.Value.Message}";
            }
            await Task.Delay(FirstPoll, cancellationToken);
        }
    }

    private static string Blocks(int count) => count == 1 ? "1 block" : $"{count} blocks";

    private static async Task<string> Md5Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1024 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await MD5.HashDataAsync(stream, cancellationToken));
    }
}
