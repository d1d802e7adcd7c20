using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;

namespace Glance.Domain.Application;

/// <summary>
/// Brings back an image whose PUT /file, PUT /stage, validation or import stopped half-way because its process died
/// or storage failed: nothing else would ever move it again. Glance's import lock takeover, for every data operation:
/// a validation or glance-direct import, whose sealed bytes are complete, is taken over by a new task that runs it
/// again (at most <see cref="MaxTakeovers"/> times in a row); any other operation is undone: the image returns to
/// queued, its bytes are deleted, its task (if any) fails with the reason, and the user may upload again. Bytes
/// committed through an upload URL that no blob trigger managed to validate (every delivery failed) are validated.
/// An accepted import whose queued job never began (lost, or moved aside as poison) is recovered the same way.
/// </summary>
public sealed class StaleOperationRecovery(
    IImageRepository images, IImageTaskRepository tasks, ImageTaskRecorder recorder, ImageDataFlow flow, ImageDataService uploads,
    ImageImportRunner imports, ImageDataOptions options, TimeProvider clock)
{
    public const string Reason = "The operation on the image's data was interrupted and did not finish; upload the data again.";

    public const string TakenOverReason = "The operation on the image's data was interrupted; another task took it over.";

    public const string UnexpectedFailure = "The data could not be validated; upload it again.";

    /// <summary>Takeovers in a row after which an operation that keeps dying is undone instead.</summary>
    public const int MaxTakeovers = 3;

    /// <summary>When an operation that is still running must have started after this time.</summary>
    public DateTimeOffset Cutoff => clock.GetUtcNow() - options.StaleOperationAfter;

    /// <summary>True when the image was stuck and has been taken over, queued again or validated.</summary>
    public async Task<bool> RecoverAsync(string imageId, CancellationToken cancellationToken = default)
    {
        var image = await images.FindAsync(imageId, cancellationToken);
        if (image is { IsDeleted: false, Status: ImageStatus.Uploading, AwaitsDirectUpload: true } && image.UpdatedAt < Cutoff)
        {
            // Waiting for its user, unless the user's bytes are there: then the blob trigger gave up on them.
            return await uploads.ValidateUploadAsync(imageId, cancellationToken);
        }
        if (image is null || !IsStuck(image))
        {
            return false;
        }
        var history = image.ImportTask is null ? [] : await tasks.ListAsync(imageId, clock.GetUtcNow(), cancellationToken);
        // A pending task is an accepted import whose job never began: its queue message was lost or given up as poison
        // (every delivery failed before the task began), or the queue could not take it. Glance steals such a lock too.
        var task = history.FirstOrDefault(t => t.Id == image.ImportTask && t.Status is ImageTask.Processing or ImageTask.Pending);
        if (task is not null && image.Status == ImageStatus.Importing && task.CanRunAgain && TakeoversBefore(task, history) < MaxTakeovers)
        {
            await TakeOverAsync(image, task, cancellationToken);
            return true;
        }
        if (task is null && image.ImportTask is { } lockId && history.All(t => t.Id != lockId))
        {
            // Its process died between taking the lock and recording the task: the record is made now, to fail.
            task = ImageTask.Start(imageId, ImageTaskInput.None, Caller.WithoutRoles(image.Owner), null, clock.GetUtcNow()) with { Id = lockId };
        }
        if (task is not null)
        {
            // The reason first, as for any failed task: whoever sees the image queued can read why.
            await recorder.FailAsync(task, Reason);
        }
        await flow.ReturnToQueuedAsync(imageId, image.DataLeaseId!, Reason);
        return true;
    }

    /// <summary>
    /// Moves the lock to a new task with a compare-and-set (of two recoveries, one takes over), fails the stale task,
    /// and runs the new one over the bytes still sealed under the image's lease.
    /// </summary>
    private async Task TakeOverAsync(Image image, ImageTask stale, CancellationToken cancellationToken)
    {
        var leaseId = image.DataLeaseId!;
        var next = ImageTask.Start(image.Id, stale.Input, Caller.WithoutRoles(stale.Owner, stale.User), stale.RequestId, clock.GetUtcNow());
        try
        {
            await flow.ChangeAsync(image.Id, i =>
            {
                if (!IsStuck(i) || i.DataLeaseId != leaseId)
                {
                    throw GlanceErrors.ImageNoLongerStuck(i.Id);
                }
                i.TakeOverImport(stale.Id, next.Id, clock.GetUtcNow());
            }, cancellationToken, _ => recorder.TakeOverEvents(next));
        }
        catch (GlanceException e) when (e.Kind is GlanceErrorKind.Conflict or GlanceErrorKind.Gone)
        {
            return;
        }
        await recorder.FailAsync(stale, TakenOverReason);
        await recorder.SaveAsync(next, cancellationToken);
        if (next.Method == ImageTask.UploadUrlMethod)
        {
            await flow.ActivateOrFailAsync(next, leaseId, () => uploads.RevalidateUploadAsync(image, leaseId, cancellationToken), UnexpectedFailure, cancellationToken);
            return;
        }
        // A glance-direct import, into its stores as the first run would have.
        await imports.ImportAsync(next, image, null, cancellationToken);
    }

    /// <summary>How many tasks in a row, before <paramref name="task"/>, were taken over (history is newest first).</summary>
    private static int TakeoversBefore(ImageTask task, IReadOnlyList<ImageTask> history) =>
        history.SkipWhile(t => t.Id != task.Id).Skip(1).TakeWhile(t => t.Message == TakenOverReason).Count();

    /// <summary>
    /// Mid-operation for longer than any operation runs. An image awaiting a direct upload, or holding staged data,
    /// waits for its user (who may resume or import), not for a process, so it is not stuck.
    /// </summary>
    private bool IsStuck(Image image) =>
        !image.IsDeleted
        && image.DataLeaseId is not null
        && image.UpdatedAt < Cutoff
        && (image.Status is ImageStatus.Saving or ImageStatus.Importing
            || (image.Status == ImageStatus.Uploading && !image.AwaitsDirectUpload && !image.DataStaged));
}
