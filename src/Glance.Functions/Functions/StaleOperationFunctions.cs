using Glance.Domain.Application;
using Glance.Domain.Ports;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Glance.Functions.Functions;

/// <summary>
/// Every five minutes, returns to queued the images whose data operation was interrupted (its process died), so that
/// no image stays in saving, uploading or importing forever.
/// </summary>
public sealed class StaleOperationFunctions(IImageRepository images, StaleOperationRecovery recovery, ILogger<StaleOperationFunctions> logger)
{
    [Function(nameof(RecoverStaleOperations))]
    public async Task RecoverStaleOperations([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        await foreach (var imageId in images.FindMidOperationSinceAsync(recovery.Cutoff, cancellationToken))
        {
            if (await recovery.RecoverAsync(imageId, cancellationToken))
            {
                logger.LogWarning("Image {ImageId} was stuck mid-operation; returned it to queued and deleted its bytes", imageId);
            }
        }
    }
}
