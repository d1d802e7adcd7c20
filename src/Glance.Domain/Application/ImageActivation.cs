using System.Diagnostics;
using Glance.Domain.Telemetry;
using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Ports;
using Glance.Domain.Quotas;

namespace Glance.Domain.Application;

/// <summary>
/// The last step of every data path: given the facts of sealed bytes, activate the image or put it back to
/// queued with its bytes deleted, re-reading on lost races. Every path ends here, so every path is judged by the
/// same rules and fails the same way. An operation is known by the lease its bytes are sealed under: a failure
/// only ever undoes its own operation, never a newer upload's.
/// </summary>
public sealed class ImageActivation(
    IImageRepository images, IImageDataStore data, ProjectQuotas quotas, ImageDataOptions options, ImageUpdater updater, TimeProvider clock)
{
    private static bool MidUpload(Image image) => image.Status is ImageStatus.Saving or ImageStatus.Uploading or ImageStatus.Importing;

    /// <summary>
    /// Activates the image from the facts, judging them against the very copy of the image that is saved (a PATCH
    /// of disk_format meanwhile is judged too), and the size against the owner's image_size_total, or throws Glance's
    /// 4xx. Callers undo with <see cref="FailAsync"/> once they have recorded why, so that whoever sees the image back
    /// in queued can also read the reason.
    /// </summary>
    public Task<Image> ActivateAsync(string imageId, ImageDataFacts facts, CancellationToken cancellationToken) =>
        UpdateCoreAsync(imageId, async image =>
        {
            var virtualSize = ImageDataRules.Evaluate(image, facts, image.Expectations, options);
            await quotas.EnsureDataFitsAsync(image, facts.Size, cancellationToken);
            image.Activate(facts, virtualSize, clock.GetUtcNow());
            return true;
        }, cancellationToken, i => [ImageEvents.Upload(i, clock.GetUtcNow()), ImageEvents.Activate(i, clock.GetUtcNow())]);

    /// <summary>One pass over bytes already sealed in storage (an upload through a URL, staged data).</summary>
    public async Task<ImageDataFacts> ReadSealedAsync(string imageId, CancellationToken cancellationToken)
    {
        using var activity = GlanceMetrics.Source.StartActivity("ReadAndHash");
        activity?.SetTag("glance.image_id", imageId);
        var started = Stopwatch.GetTimestamp();
        using var hasher = new ImageDataHasher(options.HashingAlgorithm, options.ImageSizeCap);
        await using var stream = await data.OpenReadAsync(imageId, cancellationToken: cancellationToken);
        var facts = await hasher.ConsumeAsync(stream, cancellationToken);
        GlanceMetrics.ValidationDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        GlanceMetrics.ValidationBytes.Add(facts.Size);
        return facts;
    }

    /// <summary>
    /// Undoes the operation sealed under <paramref name="leaseId"/>: deletes its bytes and restores the image to
    /// queued, if the image is still in that operation's hands; otherwise does nothing. Safe to call twice.
    /// </summary>
    public async Task FailAsync(string imageId, string leaseId, string reason, CancellationToken cancellationToken)
    {
        var image = await images.FindAsync(imageId, CancellationToken.None);
        if (image is not null && !image.IsDeleted && !(image.DataLeaseId == leaseId && MidUpload(image)))
        {
            return;
        }
        await data.DeleteSealedAsync(imageId, leaseId, CancellationToken.None);
        // And what an upload URL left in the upload area: the user uploads again through a new URL.
        await data.DeleteUploadAsync(imageId, CancellationToken.None);
        if (image is null || image.IsDeleted)
        {
            return;
        }
        try
        {
            await UpdateAsync(imageId, i =>
            {
                if (i.DataLeaseId != leaseId || !MidUpload(i))
                {
                    return false;
                }
                i.ReturnToQueued(clock.GetUtcNow());
                return true;
            }, CancellationToken.None, i => [ImageEvents.UploadFailed(i.Id, reason, clock.GetUtcNow())]);
        }
        catch (GlanceException e) when (e.Kind == GlanceErrorKind.Gone)
        {
        }
    }

    /// <summary>
    /// Read-modify-write with compare-and-set, re-reading on a lost race; 410 when the image was deleted meanwhile.
    /// Every save reports image.update, plus the events <paramref name="events"/> adds, in the same transaction.
    /// </summary>
    public Task<Image> UpdateAsync(
        string imageId, Action<Image> change, CancellationToken cancellationToken, Func<Image, IReadOnlyList<ImageEvent>>? events = null) =>
        UpdateAsync(imageId, image =>
        {
            change(image);
            return true;
        }, cancellationToken, events);

    /// <summary>As above; <paramref name="change"/> returns false when there is nothing to save.</summary>
    public Task<Image> UpdateAsync(
        string imageId, Func<Image, bool> change, CancellationToken cancellationToken, Func<Image, IReadOnlyList<ImageEvent>>? events = null) =>
        UpdateCoreAsync(imageId, image => ValueTask.FromResult(change(image)), cancellationToken, events);

    private Task<Image> UpdateCoreAsync(
        string imageId, Func<Image, ValueTask<bool>> change, CancellationToken cancellationToken, Func<Image, IReadOnlyList<ImageEvent>>? events) =>
        updater.UpdateAsync(async () =>
        {
            var image = await ReloadLiveAsync(imageId, cancellationToken);
            if (await change(image))
            {
                await images.SaveAsync(image, [ImageEvents.Update(image, clock.GetUtcNow()), .. events?.Invoke(image) ?? []], cancellationToken);
            }
            return image;
        }, () => GlanceErrors.ImageKeptChanging(imageId), cancellationToken);

    private async Task<Image> ReloadLiveAsync(string imageId, CancellationToken cancellationToken)
    {
        var image = await images.FindAsync(imageId, cancellationToken);
        if (image is null || image.IsDeleted)
        {
            // The image went away while its bytes were moving: leave nothing behind.
            await data.DeleteAsync(imageId, CancellationToken.None);
            throw GlanceErrors.ImageDeletedDuringUpload(imageId);
        }
        return image;
    }
}
