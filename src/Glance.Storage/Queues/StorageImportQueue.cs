using Azure.Storage.Queues;
using Glance.Domain.Importing;
using Glance.Domain.Ports;

namespace Glance.Storage.Queues;

/// <summary>The import queue in Azure Queue Storage (Azurite locally), read by the RunImageImport queue trigger.</summary>
public sealed class StorageImportQueue(QueueServiceClient queues) : IImportQueue
{
    private readonly QueueClient _queue = queues.GetQueueClient(StorageOptions.ImportQueue);

    public async Task EnqueueAsync(ImportJob job, CancellationToken cancellationToken = default) =>
        await _queue.SendMessageAsync(ImportQueueMessage.Serialize(job), cancellationToken).ConfigureAwait(false);
}
