using Glance.Domain.Application;
using Glance.Domain.Importing;
using Glance.Storage;
using Glance.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Glance.Functions.Functions;

/// <summary>
/// Runs the imports POST /v2/images/{id}/import accepted: the HTTP function answers 202 at once (an HTTP function
/// must answer within 230 s in Azure), and the import runs here for up to host.json's functionTimeout, tied to no
/// request. Delivery is at least once: a second delivery of a job that has begun, finished or been taken over does
/// nothing (ImageImportRunner). An exception leaves the message for redelivery; after maxDequeueCount (5) the host
/// moves it to image-imports-poison, and the stale-operation recovery takes the import's lock over once it is stale.
/// The message is base64 (the extension's default messageEncoding; the sender encodes it so).
/// </summary>
public sealed class ImageImportQueueFunctions(ImageImportRunner runner, ILogger<ImageImportQueueFunctions> logger)
{
    [Function(nameof(RunImageImport))]
    public async Task RunImageImport(
        [QueueTrigger(StorageOptions.ImportQueue, Connection = StorageOptions.ConnectionName)] string message,
        CancellationToken cancellationToken)
    {
        var job = ImportQueueMessage.Parse(message);
        var outcome = await runner.RunAsync(job, cancellationToken);
        if (outcome == ImportRunOutcome.Ran)
        {
            logger.LogInformation("Import task {TaskId} of image {ImageId} ran to its end", job.TaskId, job.ImageId);
        }
        else
        {
            logger.LogInformation("Import task {TaskId} of image {ImageId} delivered again; nothing to do ({Outcome})", job.TaskId, job.ImageId, outcome);
        }
    }
}
