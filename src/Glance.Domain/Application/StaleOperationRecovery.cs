using Glance.Domain.Data;
using Glance.Domain.Images;
using Glance.Domain.Ports;

namespace Glance.Domain.Application;

/// <summary>
/// Returns to queued an image whose PUT /file, PUT /stage, validation or import stopped half-way because its process
/// died: nothing else would ever move it again (Glance's import lock takeover, for every data operation). Its bytes
/// are deleted, its task (if any) fails with the reason, and the user may upload again.
/// </summary>
public sealed class StaleOperationRecovery(
    IImageRepository images, IImageTaskRepository tasks, ImageTaskRecorder recorder, ImageActivation activation, ImageDataOptions options,
    TimeProvider clock)
{
    public const string Reason = "The operation on the image's data was interrupted and did not finish; upload the data again.";

    /// <summary>When an operation that is still running must have started after this time.</summary>
    public DateTimeOffset Cutoff => clock.GetUtcNow() - options.StaleOperationAfter;

    /// <summary>True when the image was stuck and is queued again.</summary>
    public async Task<bool> RecoverAsync(string imageId, CancellationToken cancellationToken = default)
    {
        var image = await images.FindAsync(imageId, cancellationToken);
        if (image is null || !IsStuck(image))
        {
            return false;
        }
        if (image.ImportTask is { } taskId
            && (await tasks.ListAsync(imageId, clock.GetUtcNow(), cancellationToken)).FirstOrDefault(t => t.Id == taskId && t.Status == "processing") is { } task)
        {
            // The reason first, as for any failed task: whoever sees the image queued can read why.
            await recorder.FailAsync(task, Reason);
        }
        await activation.FailAsync(imageId, image.DataLeaseId!, Reason, cancellationToken);
        return true;
    }

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
