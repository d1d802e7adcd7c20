using Glance.Domain.Application;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Glance.Functions.Functions;

/// <summary>
/// Every five minutes, purges the deleted images whose retention window ended (Glance:Images:DeletedRetention): their
/// bytes go and they can no longer be restored. It runs whatever the setting says now, so that images retained before
/// retention was turned off are purged too. A run deals with a bounded number; a backlog drains over the next runs.
/// </summary>
public sealed class RetainedImagePurgeFunctions(RetainedImagePurge purge, ILogger<RetainedImagePurgeFunctions> logger)
{
    [Function(nameof(PurgeRetainedImages))]
    public async Task PurgeRetainedImages([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var run = await purge.PurgeDueAsync(cancellationToken: cancellationToken);
        if (run.Purged > 0)
        {
            logger.LogInformation("Purged the bytes of {Count} deleted images whose retention ended", run.Purged);
        }
        foreach (var (imageId, error) in run.Failures)
        {
            logger.LogError(error, "Purging image {ImageId} failed; the next run tries again", imageId);
        }
    }
}
