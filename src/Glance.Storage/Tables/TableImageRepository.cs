using Azure;
using Azure.Data.Tables;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Ports;
using Glance.Storage.Events;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Tables;

/// <summary>
/// Images in Azure Table Storage: one partition per image (its row, its members and its outbox events share entity
/// group transactions), plus the listing index's copies in the scopes it belongs to. See docs/table-design.md.
/// </summary>
public sealed class TableImageRepository(
    TableServiceClient tables, EventOutbox outbox, ListingIndex listing, IOptions<StorageOptions> options, IOptions<EventOptions> events,
    TimeProvider clock)
    : IImageRepository
{
    private readonly TableClient _images = tables.GetTableClient(options.Value.ImagesTable);
    private readonly ImagePartitionWriter _writer = new(tables.GetTableClient(options.Value.ImagesTable), outbox, events.Value.Enabled);

    public async Task AddAsync(Image image, IReadOnlyList<ImageEvent> events, CancellationToken cancellationToken = default)
    {
        image.EventSequence = events.Count;
        var entity = ImageEntityMapper.ToEntity(image);
        try
        {
            var responses = await _writer.CommitAsync(image.Id, [new(TableTransactionActionType.Add, entity), MarkListingPending(image)], 0, events, cancellationToken);
            image.Version = responses[0].Headers.ETag?.ToString();
        }
        catch (ConcurrencyConflictException)
        {
            image.EventSequence = 0;
            throw;
        }
        // Before answering, so that the caller's next list shows the change (read-your-writes).
        await listing.SyncAsync(image.Id, CancellationToken.None);
    }

    public Task AppendEventsAsync(string imageId, IReadOnlyList<ImageEvent> events, CancellationToken cancellationToken = default) =>
        _writer.CommitBesideImageAsync(imageId, () => [], events, cancellationToken);

    public async Task<Image?> FindAsync(string imageId, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.IsValid(imageId))
        {
            return null;
        }
        var response = await _images.GetEntityIfExistsAsync<TableEntity>(imageId, ImagePartitionRows.Image(imageId), cancellationToken: cancellationToken);
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
                image.Id, [new(TableTransactionActionType.UpdateReplace, entity, new ETag(image.Version)), MarkListingPending(image)],
                firstSequence, events, cancellationToken);
            image.Version = responses[0].Headers.ETag?.ToString();
        }
        catch (ConcurrencyConflictException)
        {
            image.EventSequence = firstSequence;
            throw;
        }
        await listing.SyncAsync(image.Id, CancellationToken.None);
    }

    public IAsyncEnumerable<ListedImage> ListNewestFirstAsync(
        IReadOnlyList<ListingScope> scopes, IReadOnlyList<ImageFieldMatch> narrowing, ImageCursor? after, int pageSize,
        CancellationToken cancellationToken = default) =>
        listing.ReadNewestFirstAsync(scopes, narrowing, after, pageSize, cancellationToken);

    public IAsyncEnumerable<string> FindMidOperationSinceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        listing.MidOperationSinceAsync(cutoff, cancellationToken);

    /// <summary>
    /// Member scopes are found from the member rows, so only the image's own scopes go in the marker (none for a deleted
    /// image: the marker already names every scope an earlier state put a copy in).
    /// </summary>
    private TableTransactionAction MarkListingPending(Image image) =>
        ListingIndex.MarkPending(image.Id, ListingScope.Of(image, []).Select(s => s.Scope), clock.GetUtcNow());
}
