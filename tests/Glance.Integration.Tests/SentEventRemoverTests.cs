using Azure.Data.Tables;
using Glance.Integration.Tests.Infrastructure;
using Glance.Storage;
using Glance.Storage.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Glance.Integration.Tests;

/// <summary>The removal of sent outbox rows against Azurite.</summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class SentEventRemoverTests(GlanceService service)
{
    [Fact]
    public async Task RemoveQueuedAsync_SomeRowsAlreadyRemoved_RemovesTheRestAndReportsSuccess()
    {
        var tables = service.Trusted.App.Services.GetRequiredService<TableServiceClient>();
        var storage = service.Trusted.App.Services.GetRequiredService<IOptions<StorageOptions>>();
        var images = tables.GetTableClient(storage.Value.ImagesTable);
        var partition = "remover-" + Guid.NewGuid().ToString("N");
        var rows = Enumerable.Range(1, 3).Select(i => new TableEntity(partition, $"event:{i:D19}:{partition}")).ToList();
        foreach (var row in rows)
        {
            await images.AddEntityAsync(row);
        }
        // Another process's sweep sent and removed one of them first: the transaction over all three fails.
        await images.DeleteEntityAsync(partition, rows[1].RowKey);
        var remover = new SentEventRemover(tables, NullLogger<SentEventRemover>.Instance);
        remover.Add(storage.Value.ImagesTable, rows);

        Assert.True(await remover.RemoveQueuedAsync(CancellationToken.None));

        Assert.Empty(await images.QueryAsync<TableEntity>(e => e.PartitionKey == partition).ToListAsync());
    }
}
