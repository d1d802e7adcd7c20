using System.Net;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Ports;
using Glance.Storage.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Tables;

/// <summary>
/// Images in Azure Table Storage: one partition per image (its row, and later its outbox events, can then
/// share one entity group transaction), plus a creation-order index for listing. See docs/table-design.md.
/// </summary>
public sealed class TableImageRepository(
    TableServiceClient tables, EventOutbox outbox, IOptions<StorageOptions> options, IOptions<EventOptions> events, TimeProvider clock,
    ILogger<TableImageRepository> logger)
    : IImageRepository
{
    private const int IndexPageSize = 100;
    private readonly TableClient _images = tables.GetTableClient(options.Value.ImagesTable);
    private readonly TableClient _index = tables.GetTableClient(options.Value.ImageIndexTable);
    private readonly ImagePartitionWriter _writer = new(tables.GetTableClient(options.Value.ImagesTable), outbox, events.Value.Enabled);

    public async Task AddAsync(Image image, IReadOnlyList<ImageEvent> events, CancellationToken cancellationToken = default)
    {
        image.EventSequence = events.Count;
        var entity = ImageEntityMapper.ToEntity(image);
        // The index row goes first: a crash between the two writes leaves an index row without an image,
        // which listing skips and later removes, never an image that listing cannot find.
        var indexRow = IndexRow(image);
        await _index.UpsertEntityAsync(indexRow, TableUpdateMode.Replace, cancellationToken);
        try
        {
            var responses = await _writer.CommitAsync(image.Id, [new(TableTransactionActionType.Add, entity)], 0, events, cancellationToken);
            image.Version = responses[0].Headers.ETag?.ToString();
        }
        catch (ConcurrencyConflictException)
        {
            image.EventSequence = 0;
            await _index.DeleteEntityAsync(indexRow.PartitionKey, indexRow.RowKey, ETag.All, cancellationToken);
            throw;
        }
    }

    public Task AppendEventsAsync(string imageId, IReadOnlyList<ImageEvent> events, CancellationToken cancellationToken = default) =>
        _writer.CommitBesideImageAsync(imageId, () => [], events, cancellationToken);

    public async Task<Image?> FindAsync(string imageId, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.IsValid(imageId))
        {
            return null;
        }
        var response = await _images.GetEntityIfExistsAsync<TableEntity>(imageId, ImageEntityMapper.ImageRowKey, cancellationToken: cancellationToken);
        return response.HasValue ? ImageEntityMapper.ToImage(response.Value!) : null;
    }

    public async Task SaveAsync(Image image, IReadOnlyList<ImageEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image.Version);
        var firstSequence = image.EventSequence;
        image.EventSequence = firstSequence + events.Count;
        var entity = ImageEntityMapper.ToEntity(image);
        try
        {
            var responses = await _writer.CommitAsync(
                image.Id, [new(TableTransactionActionType.UpdateReplace, entity, new ETag(image.Version))], firstSequence, events, cancellationToken);
            image.Version = responses[0].Headers.ETag?.ToString();
        }
        catch (ConcurrencyConflictException)
        {
            image.EventSequence = firstSequence;
            throw;
        }
        if (image.IsDeleted)
        {
            // Best effort: if this is lost, listing finds the deleted image behind the row and removes it.
            await DeleteIndexRowAsync(IndexRow(image), cancellationToken);
        }
    }

    public async IAsyncEnumerable<Image> ScanNewestFirstAsync(
        ImageCursor? after, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {ImageIndexKeys.CreatedPartition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {ImageIndexKeys.CreatedPartition} and RowKey gt {ImageIndexKeys.RowKey(after)}");
        var rows = _index.QueryAsync<TableEntity>(filter, maxPerPage: IndexPageSize, select: ["PartitionKey", "RowKey", "Timestamp"], cancellationToken: cancellationToken);
        await foreach (var page in rows.AsPages().WithCancellation(cancellationToken))
        {
            var reads = page.Values.Select(row => ReadIndexedAsync(row, cancellationToken)).ToArray();
            foreach (var read in reads)
            {
                if (await read is { } image)
                {
                    yield return image;
                }
            }
        }
    }

    private async Task<Image?> ReadIndexedAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var imageId = row.RowKey[(row.RowKey.IndexOf('_') + 1)..];
        var image = await FindAsync(imageId, cancellationToken);
        var orphaned = image is null
            ? clock.GetUtcNow() - (row.Timestamp ?? clock.GetUtcNow()) > options.Value.OrphanIndexRowAge
            : image.IsDeleted;
        if (orphaned)
        {
            logger.LogInformation("Removing index row {RowKey}: its image is deleted or was never written", row.RowKey);
            await DeleteIndexRowAsync(row, cancellationToken);
        }
        return image is null || image.IsDeleted || orphaned ? null : image;
    }

    private async Task DeleteIndexRowAsync(ITableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await _index.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
        }
    }

    private static TableEntity IndexRow(Image image) =>
        new(ImageIndexKeys.CreatedPartition, ImageIndexKeys.RowKey(image.CreatedAt, image.Id));
}
