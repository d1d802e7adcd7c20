using Glance.Domain.Errors;
using Glance.Domain.Images;
using Glance.Domain.Ports;

namespace Glance.Domain.Application;

/// <summary>
/// Ends the retention of deleted images whose window has passed: they can no longer be restored, and every blob they
/// had is deleted. Each step is decided on the image's own record and the schedule entry goes last, so a run is safe
/// to repeat after a crash at any point:
/// 1. the record stops being restorable, compare-and-set, so a restore racing the purge wins or loses whole (the
///    bytes are never deleted under an image that came back);
/// 2. the bytes are deleted (again, harmlessly, when an earlier run crashed after step 1);
/// 3. the entry is removed.
/// An entry whose image was restored, or deleted again with a later window, is only removed. No event: Glance's
/// scrubber sends none either, and the image.delete that mattered was sent.
/// </summary>
public sealed class RetainedImagePurge(IImageRepository images, IPurgeSchedule schedule, IImageDataStore data, ImageUpdater updater, TimeProvider clock)
{
    /// <summary>Images one run deals with at most; the rest wait for the next run.</summary>
    public const int DefaultMaxPerRun = 200;

    /// <summary>
    /// One run. An image that fails (storage out of reach) keeps its entry for the next run and does not stop the others,
    /// so that one image that keeps failing cannot hold back every purge behind it.
    /// </summary>
    public async Task<PurgeRun> PurgeDueAsync(int maxPerRun = DefaultMaxPerRun, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var purged = 0;
        var failures = new List<(string ImageId, Exception Error)>();
        await foreach (var entry in schedule.DueAsync(now, maxPerRun, cancellationToken))
        {
            try
            {
                if (await PurgeAsync(entry.ImageId, now, cancellationToken))
                {
                    purged++;
                }
                await schedule.RemoveAsync(entry, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                failures.Add((entry.ImageId, e));
            }
        }
        return new PurgeRun(purged, failures);
    }

    private async Task<bool> PurgeAsync(string imageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var image = await updater.UpdateAsync(async () =>
        {
            var image = await images.FindAsync(imageId, cancellationToken);
            if (image is { IsDeleted: true, RestorableUntil: { } until } && until <= now)
            {
                image.EndRetention();
                await images.SaveAsync(image, [], cancellationToken);
            }
            return image;
        }, () => GlanceErrors.ImageKeptChanging(imageId), cancellationToken);
        if (image is null || !image.IsDeleted || image.IsRestorable(now))
        {
            return false;
        }
        await data.DeleteAsync(imageId, image.DataLeaseId, cancellationToken);
        return true;
    }
}
