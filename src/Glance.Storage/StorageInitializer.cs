using Azure.Data.Tables;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Storage;

/// <summary>Creates the tables and containers at start-up, so a fresh account (or Azurite) needs no set-up.</summary>
public sealed class StorageInitializer(TableServiceClient tables, IOptions<StorageOptions> options, ILogger<StorageInitializer> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var table in new[] { options.Value.ImagesTable, options.Value.ImageIndexTable })
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken);
            logger.LogInformation("Table {Table} is ready", table);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
