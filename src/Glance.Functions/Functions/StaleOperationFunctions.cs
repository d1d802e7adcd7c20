using Glance.Domain.Application;
using Glance.Domain.Ports;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Glance.Functions.Functions;

/// <summary>
/// Every five minutes, brings back the images whose data operation was interrupted (its process died, or storage
/// failed), so that no image stays in saving, uploading or importing forever. One image failing to recover (storage
/// still down) does not keep the others waiting for the next run.
/// </summary>
public sealed class StaleOperationFunctions(IImageRepository images, StaleOperationRecovery recovery, ILogger<StaleOperationFunctions> logger)
{
    [Function(nameof(RecoverStaleOperations))]
    public async Task RecoverStaleOperations([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        await foreach (var imageId in images.FindMidOperationSinceAsync(recovery.Cutoff, cancellationToken))
        {
            try
            {
                if (await recovery.RecoverAsync(imageId, cancellationToken))
                {
                    logger.LogWarning("Image {ImageId} was stuck mid-operation; took its operation over or returned it to queued", imageId);
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(e, "Recovering image {ImageId} failed; the next run tries again", imageId);
            }
        }
    }
}
