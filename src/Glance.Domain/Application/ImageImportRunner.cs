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
    IWebDownloader webDownloader,
    WebDownloadOptions webDownload,
    TimeProvider clock)
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
        if (image is null || image.IsDeleted || image.Status != ImageStatus.Importing || image.ImportTask != task.Id)
        {
            return ImportRunOutcome.NotImporting;
        }
        if (task.Status != ImageTask.Pending || await tasks.BeginAsync(task, cancellationToken) is not { } begun)
        {
            return ImportRunOutcome.AlreadyBegun;
        }
        var leaseId = image.DataLeaseId!;
        await flow.ActivateOrFailAsync(begun, leaseId, () => begun.Method == ImportRequest.WebDownload
            ? DownloadAsync(begun, job.Source ?? begun.Uri, leaseId, cancellationToken)
            : flow.ReadAndHashAsync(job.ImageId, cancellationToken), UnexpectedFailure, cancellationToken);
        return ImportRunOutcome.Ran;
    }

    /// <param name="uri">The whole URI from the job; the task's input keeps it only without its query string.</param>
    private async Task<ImageDataFacts> DownloadAsync(ImageTask task, Uri? uri, string leaseId, CancellationToken cancellationToken)
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
        return await flow.WriteAndHashAsync(task.ImageId, leaseId, body, cancellationToken);
    }
}
