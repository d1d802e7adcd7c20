using Azure.Data.Tables;
using Glance.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Storage;

/// <summary>Creates the tables, containers and the import queue at start-up, so a fresh account (or Azurite) needs no set-up.</summary>
public sealed class StorageInitializer(
    TableServiceClient tables, BlobStores stores, QueueServiceClient queues, IOptions<StorageOptions> options, ILogger<StorageInitializer> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var table in new[] { options.Value.ImagesTable, options.Value.ImageIndexTable, options.Value.ImageTasksTable, options.Value.IdempotencyTable, options.Value.MetadefsTable })
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
            logger.LogInformation("Table {Table} is ready", table);
        }
        foreach (var container in stores.All.Select(s => s.Images).Append(stores.Uploads))
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            logger.LogInformation("Container {Container} of {Account} is ready", container.Name, container.AccountName);
        }
        await queues.GetQueueClient(StorageOptions.ImportQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        logger.LogInformation("Queue {Queue} is ready", StorageOptions.ImportQueue);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
