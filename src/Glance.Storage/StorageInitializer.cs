using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Storage;

/// <summary>Creates the tables, containers and the import queue at start-up, so a fresh account (or Azurite) needs no set-up.</summary>
public sealed class StorageInitializer(
    TableServiceClient tables, BlobServiceClient blobs, QueueServiceClient queues, IOptions<StorageOptions> options, ILogger<StorageInitializer> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var table in new[] { options.Value.ImagesTable, options.Value.ImageIndexTable, options.Value.ImageTasksTable, options.Value.IdempotencyTable, options.Value.MetadefsTable })
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
            logger.LogInformation("Table {Table} is ready", table);
        }
        foreach (var container in new[] { StorageOptions.ImagesContainer, StorageOptions.UploadsContainer })
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            logger.LogInformation("Container {Container} is ready", container);
        }
        await queues.GetQueueClient(StorageOptions.ImportQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        logger.LogInformation("Queue {Queue} is ready", StorageOptions.ImportQueue);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
