using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Images;
using Glance.Domain.Importing;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;

namespace Glance.Domain.Application;

/// <summary>
/// Runs an import that <see cref="ImageImportService.AcceptImportAsync"/> accepted, in the queue trigger, apart from
/// any HTTP request (which must answer within 230 s in Azure): the web-download or the staged bytes are hashed and
/// judged, and the image activated or returned to queued with the reason in the task. A job is delivered at least
/// once: only the delivery that moves the task from pending to processing runs it; any other (after the end, after
/// a takeover, beside a live run) does nothing.
/// </summary>
public sealed class ImageImportRunner(
    IImageRepository images,
    IImageTaskRepository taskRepository,
    ImageTaskRecorder tasks,
    ImageDataFlow flow,
    ImageStoreCopier copier,
    IImageDataStore data,
    ImageDataOptions options,
    IWebDownloader webDownloader,
    WebDownloadOptions webDownload,
    TimeProvider clock,
    IImageLocations locations)
{
    public const string UnexpectedFailure = "The import failed; see the service logs.";

    private const long MiB = 1024 * 1024;

    public async Task<ImportRunOutcome> RunAsync(ImportJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var task = await taskRepository.FindAsync(job.ImageId, job.TaskId, cancellationToken);
        if (task is null || task.IsFinished)
        {
            return ImportRunOutcome.Finished;
        }
        var image = await images.FindAsync(job.ImageId, cancellationToken);
        var copy = task.Method == ImportRequest.CopyImage;
        if (image is null || image.IsDeleted || image.Status != (copy ? ImageStatus.Active : ImageStatus.Importing) || image.ImportTask != task.Id)
        {
            return ImportRunOutcome.NotImporting;
        }
        if (task.Status != ImageTask.Pending || await tasks.BeginAsync(task, cancellationToken) is not { } begun)
        {
            return ImportRunOutcome.AlreadyBegun;
        }
        if (copy)
        {
            await copier.CopyImageAsync(begun, image, cancellationToken);
            return ImportRunOutcome.Ran;
        }
        if (begun.Type == ImageTask.LocationImportType)
        {
            await ImportFromLocationAsync(begun, image, cancellationToken);
            return ImportRunOutcome.Ran;
        }
        await ImportAsync(begun, image, job.Source ?? begun.Uri, cancellationToken);
        return ImportRunOutcome.Ran;
    }

    /// <summary>
    /// A glance-direct or web-download import under <paramref name="task"/>, which holds the lock of
    /// <paramref name="image"/>: its bytes read (staged) or downloaded, then with multistore copied into the task's
    /// stores; the staged copy goes when no store chosen keeps it. The stale-operation takeover runs it too.
    /// </summary>
    public async Task ImportAsync(ImageTask task, Image image, Uri? source, CancellationToken cancellationToken)
    {
        var leaseId = image.DataLeaseId!;
        var store = image.DataStore ?? (options.Stores.IsMultistore ? options.Stores.DefaultId : null);
        await flow.ActivateOrFailAsync(task, leaseId, () => task.Method == ImportRequest.WebDownload
            ? DownloadAsync(task, source, store, leaseId, cancellationToken)
            : flow.ReadAndHashAsync(task.ImageId, store, cancellationToken), UnexpectedFailure, cancellationToken,
            task.Input.Stores is null || store is null ? null : facts => copier.ImportToStoresAsync(task, image, store, leaseId, facts, cancellationToken),
            task.Input.Stores is { Count: > 1 } && !task.Input.AllStoresMustSucceed
                ? active => copier.ImportToRemainingStoresAsync(task, active, leaseId, cancellationToken)
                : null);
        if (store is not null && await images.FindAsync(task.ImageId, CancellationToken.None) is { Status: ImageStatus.Active } active
            && !active.Stores.Contains(store) && active.DataLeaseId == leaseId)
        {
            await data.InStore(store).DeleteSealedAsync(task.ImageId, leaseId, CancellationToken.None);
        }
    }

    /// <summary>
    /// A location import (POST /v2/images/{id}/locations): the copy the task's URL names is copied server-side into the
    /// image's blob in the same store, sealed under the image's lease, then read, hashed and judged as any data is
    /// (<see cref="ImageDataFlow.ActivateOrFailAsync"/>): the format rules, and the declared validation data, whose
    /// os_hash_value is checked first so that a mismatch is worded as Glance's task words it. The source is looked at
    /// again first: it may have gone or stopped being active since the request. Not run again by a takeover: a job
    /// whose process died is undone (the image queued again), as a web-download is.
    /// </summary>
    private async Task ImportFromLocationAsync(ImageTask task, Image image, CancellationToken cancellationToken)
    {
        var leaseId = image.DataLeaseId!;
        var url = task.Input.LocationUrl ?? "";
        await flow.ActivateOrFailAsync(task, leaseId, async () =>
        {
            var location = locations.Find(url) ?? throw GlanceErrors.InvalidLocation();
            var source = await images.FindAsync(location.ImageId, cancellationToken);
            if (source is not { IsDeleted: false, Status: ImageStatus.Active } || !options.Stores.Holding(source).Contains(location.StoreId))
            {
                throw GlanceErrors.LocationSourceUnavailable();
            }
            await data.CopyFromImageAsync(location.ImageId, task.ImageId, location.StoreId, leaseId, cancellationToken);
            var facts = await flow.ReadAndHashAsync(task.ImageId, image.DataStore, cancellationToken);
            if (task.Input.ValidationData?.OsHashValue is { } given && !string.Equals(given, facts.OsHashValue, StringComparison.OrdinalIgnoreCase))
            {
                throw GlanceErrors.LocationHashMismatch(given, facts.OsHashValue);
            }
            return facts;
        }, UnexpectedFailure, cancellationToken);
    }

    /// <param name="uri">The whole URI from the job; the task's input keeps it only without its query string.</param>
    private async Task<ImageDataFacts> DownloadAsync(ImageTask task, Uri? uri, string? store, string leaseId, CancellationToken cancellationToken)
    {
        if (uri is null)
        {
            throw GlanceErrors.WebDownloadWithoutUri();
        }
        // What the task may show of it (its messages are as visible as its input).
        var shown = ImageTaskInput.Redact(uri);
        // Connecting and the response headers are bounded by the client's own timeouts; the body by these two.
        await using var body = new TimedReadStream(
            await webDownloader.OpenAsync(uri, cancellationToken), shown, webDownload.IdleReadTimeout, webDownload.MaxDuration, clock,
            bytes => tasks.ProgressAsync(task, $"Downloaded {bytes / MiB} MiB from {shown}", cancellationToken));
        return await flow.WriteAndHashAsync(task.ImageId, store, leaseId, body, cancellationToken);
    }
}
