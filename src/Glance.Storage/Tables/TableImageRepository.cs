using Azure;
using Azure.Data.Tables;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Members;
using Glance.Domain.Ports;
using Glance.Storage.Events;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Tables;

/// <summary>
/// Images in Azure Table Storage: one partition per image (its row, its members and its outbox events share entity
/// group transactions), plus the listing index's copies in the scopes it belongs to. See docs/table-design.md.
/// </summary>
public sealed class TableImageRepository(
    TableServiceClient tables, EventOutbox outbox, ListingIndex listing, RecentPartitions recent, IOptions<StorageOptions> options,
    IOptions<EventOptions> events, TimeProvider clock)
    : IImageRepository
{
    private readonly TableClient _images = tables.GetTableClient(options.Value.ImagesTable);
    private readonly ImagePartitionWriter _writer = new(tables.GetTableClient(options.Value.ImagesTable), outbox, recent, events.Value.Enabled);

    public async Task AddAsync(Image image, IReadOnlyList<ImageEvent> events, CancellationToken cancellationToken = default)
    {
        events = _writer.Kept(events);
        var row = ImageEntityMapper.ToEntity(image, events.Count);
        var marker = MarkListingPending(image);
        var responses = await _writer.CommitAsync(image.Id, [new(TableTransactionActionType.Add, row), marker], 0, events, cancellationToken);
        row.ETag = ETagOf(responses[0]);
        recent.Remember(image, new PartitionState(row, [], [.. ListingIndex.ScopeNamesOf(marker)]));
        // Before answering, so that the caller's next list shows the change (read-your-writes).
        await listing.WriteCopiesAsync(image.Id, row, image, [], [], ETagOf(responses[1]));
    }

    public Task AppendEventsAsync(string imageId, IReadOnlyList<ImageEvent> events, CancellationToken cancellationToken = default) =>
        _writer.AppendEventsAsync(imageId, events, cancellationToken);

    public async Task<Image?> FindAsync(string imageId, CancellationToken cancellationToken = default) =>
        (await FindWithMembersAsync(imageId, cancellationToken))?.Image;

    public async Task<ImageWithMembers?> FindWithMembersAsync(string imageId, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.IsValid(imageId))
        {
            return null;
        }
        var partition = await ImagePartition.ReadAsync(_images, imageId, cancellationToken);
        if (partition.ImageRow is not { } row)
        {
            return null;
        }
        var state = new PartitionState(row, partition.Members, partition.MarkerScopes);
        recent.Remember(imageId, state);
        return state.Materialize();
    }

    public async Task<ImageWithMembers?> FindToChangeAsync(string imageId, CancellationToken cancellationToken = default) =>
        TableKeys.IsValid(imageId) && recent.Recall(imageId) is { } state ? state.Materialize() : await FindWithMembersAsync(imageId, cancellationToken);

    public Task SaveAsync(Image image, IReadOnlyList<ImageEvent> events, CancellationToken cancellationToken = default) =>
        SaveAsync(image, events, () => Task.CompletedTask, cancellationToken);

    public async Task SaveAsync(Image image, IReadOnlyList<ImageEvent> events, Func<Task> afterCommit, CancellationToken cancellationToken = default)
    {
        var loaded = LoadedImages.Of(image);
        events = _writer.Kept(events);
        var row = ImageEntityMapper.ToEntity(image, loaded.EventSequence + events.Count);
        var marker = MarkListingPending(image);
        var responses = await _writer.CommitAsync(
            image.Id, [new(TableTransactionActionType.UpdateReplace, row, loaded.ImageETag), marker], loaded.EventSequence, events, cancellationToken);
        row.ETag = ETagOf(responses[0]);
        var formerScopes = loaded.FormerScopes;
        recent.Remember(image, loaded with { ImageRow = row, MarkerScopes = [.. formerScopes.Union(ListingIndex.ScopeNamesOf(marker))] });
        await Task.WhenAll(listing.WriteCopiesAsync(image.Id, row, image, loaded.Members, formerScopes, ETagOf(responses[1])), afterCommit());
    }

    public IAsyncEnumerable<ListedImage> ListNewestFirstAsync(
        IReadOnlyList<ListingScope> scopes, IReadOnlyList<ImageFieldMatch> narrowing, ImageCursor? after, int pageSize,
        CancellationToken cancellationToken = default) =>
        listing.ReadNewestFirstAsync(scopes, narrowing, after, pageSize, cancellationToken);

    public IAsyncEnumerable<string> FindMidOperationSinceAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        listing.MidOperationSinceAsync(cutoff, cancellationToken);

    /// <summary>
    /// Member scopes are found from the member rows, so only the image's own scopes go in the marker (for a deleted image
    /// only its retained scopes, if any: the marker already names every scope an earlier state put a copy in).
    /// </summary>
    private TableTransactionAction MarkListingPending(Image image) =>
        ListingIndex.MarkPending(image.Id, ListingScope.Of(image, []).Select(s => s.Scope), clock.GetUtcNow());

    internal static ETag ETagOf(Response response) =>
        response.Headers.ETag ?? throw new InvalidOperationException("The table service answered a write without an ETag.");
}
