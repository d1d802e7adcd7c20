using System.Net;
using Azure;
using Azure.Data.Tables;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Members;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Tables;

/// <summary>
/// The listing index: a copy of every image in each scope it belongs to (all, its owner's, public, community, and each
/// project it is shared with), so that a list is a merge of range reads proportional to the page, with no read per
/// image. The image's own partition stays the truth; see docs/table-design.md for why the copies converge after
/// races and crashes.
/// </summary>
public sealed class ListingIndex(TableServiceClient tables, IOptions<StorageOptions> options, ILogger<ListingIndex> logger)
{
    private const string PendingColumn = "Pending";
    internal const string RelationColumn = "Relation";
    internal const string MemberStatusColumn = "MemberStatus";
    private const int MaxAttempts = 8;
    private static readonly string[] SkippedColumns = ["PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    private readonly TableClient _images = tables.GetTableClient(options.Value.ImagesTable);
    private readonly TableClient _index = tables.GetTableClient(options.Value.ImageIndexTable);

    /// <summary>
    /// The marker to commit with a change of the image (same partition, same transaction): the copies are pending, and
    /// <paramref name="scopes"/> may hold one. It merges, so the scopes of every change since the last sync add up.
    /// </summary>
    public static TableTransactionAction MarkPending(string imageId, IEnumerable<ListingScope> scopes, DateTimeOffset now)
    {
        var marker = new TableEntity(imageId, ImagePartitionRows.ListingMarker(imageId)) { [PendingColumn] = now };
        foreach (var name in scopes.Select(ListingKeys.Name))
        {
            marker[ListingKeys.MarkerColumn(name)] = name;
        }
        return new TableTransactionAction(TableTransactionActionType.UpsertMerge, marker);
    }

    /// <summary>
    /// Brings the copies in line with the image's partition, after a commit or from the sweeper. Failures are logged,
    /// not thrown: the change is committed, and its pending marker makes the sweeper finish the job.
    /// </summary>
    public async Task SyncAsync(string imageId, CancellationToken cancellationToken)
    {
        try
        {
            await SyncCoreAsync(imageId, cancellationToken);
        }
        catch (Exception e) when (e is RequestFailedException || StorageFailures.IsOutage(e))
        {
            // An outage ends in the retry policy's AggregateException, not a RequestFailedException: caught too, or
            // a request whose change committed would answer 503 and its client retry a change that happened.
            logger.LogWarning(e, "Listing copies of image {ImageId} not updated; the sweeper will retry", imageId);
        }
    }

    private async Task SyncCoreAsync(string imageId, CancellationToken cancellationToken)
    {
        var touched = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var state = await ImagePartition.ReadAsync(_images, imageId, cancellationToken);
            if (state.ImageRow is null)
            {
                return;
            }
            var image = ImageEntityMapper.ToImage(state.ImageRow);
            var desired = await PutCopiesAsync(
                imageId, state.ImageRow, image, state.Members, state.MarkerScopes.Concat(MemberScopeNames(state.Members)).Concat(touched), cancellationToken);
            touched.UnionWith(desired);

            // Every change that matters to the copies merges the marker in its own transaction. So if the marker is
            // as we read it, nothing committed since our read, and a later change writes its copies after ours: the
            // marker may stop being pending. Otherwise a newer change may have written its copies before ours: again.
            if (await TryMarkSyncedAsync(imageId, SyncedMarker(imageId, desired), state.MarkerETag, cancellationToken))
            {
                return;
            }
        }
        logger.LogWarning("Listing copies of image {ImageId} kept changing during {Attempts} syncs; the sweeper will finish", imageId, MaxAttempts);
    }

    /// <summary>
    /// The write path's sync, with no read: a commit knows the state it wrote (<paramref name="imageRow"/>, the
    /// members) and, from the partition it read before, every scope that may hold a copy (<paramref name="formerScopes"/>).
    /// The copies are written before the answer (read-your-writes); the marker stops being pending afterwards, off the
    /// request path, compare-and-set on <paramref name="markerETag"/> (the one the commit wrote): if a newer commit
    /// came in between, its copies may have landed before ours, and a full sync sets them right. If this process does
    /// not live to do it, the marker stays pending and the sweeper syncs. Failures are logged, not thrown, as in
    /// <see cref="SyncAsync"/>.
    /// </summary>
    public async Task WriteCopiesAsync(
        string imageId, TableEntity imageRow, Image image, IReadOnlyList<ImageMember> members, IEnumerable<string> formerScopes, ETag markerETag)
    {
        IReadOnlyCollection<string> desired;
        try
        {
            desired = await PutCopiesAsync(imageId, imageRow, image, members, formerScopes, CancellationToken.None);
        }
        catch (Exception e) when (e is RequestFailedException || StorageFailures.IsOutage(e))
        {
            logger.LogWarning(e, "Listing copies of image {ImageId} not updated; the sweeper will retry", imageId);
            return;
        }
        SettleInBackground(imageId, SyncedMarker(imageId, desired), markerETag);
    }

    /// <summary>
    /// Upserts the copies of the state given and deletes those in every other scope named; returns the scopes copied to.
    /// A state with a retention window also enters the purge schedule, in the same round trip.
    /// </summary>
    private async Task<IReadOnlyCollection<string>> PutCopiesAsync(
        string imageId, TableEntity imageRow, Image image, IReadOnlyList<ImageMember> members, IEnumerable<string> formerScopes,
        CancellationToken cancellationToken)
    {
        var desired = CopiesOf(imageRow, image, members);
        var stale = formerScopes.Where(name => !desired.ContainsKey(name)).Distinct(StringComparer.Ordinal).Select(ListingKeys.Parse);
        var upserts = TablePurgeSchedule.EntryFor(image) is { } purge ? desired.Values.Append(purge) : desired.Values;
        await Task.WhenAll(
            upserts.Select(row => _index.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken))
                .Concat(stale.Select(scope => DeleteCopyAsync(ListingKeys.Partition(scope), ListingKeys.Row(scope, image.CreatedAt, imageId), cancellationToken))));
        return desired.Keys.ToList();
    }

    private void SettleInBackground(string imageId, TableEntity syncedMarker, ETag markerETag)
    {
        // Not the request's work: no request context (trace, cancellation) flows into it.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    if (!await TryMarkSyncedAsync(imageId, syncedMarker, markerETag, CancellationToken.None))
                    {
                        await SyncAsync(imageId, CancellationToken.None);
                    }
                }
                catch (Exception e) when (e is RequestFailedException || StorageFailures.IsOutage(e))
                {
                    logger.LogInformation(e, "Listing marker of image {ImageId} left pending; the sweeper will settle it", imageId);
                }
            });
        }
    }

    /// <summary>The scope names a marker row holds.</summary>
    internal static IEnumerable<string> ScopeNamesOf(TableEntity marker) =>
        marker.Keys.Where(k => k.StartsWith("S_", StringComparison.Ordinal)).Select(k => marker.GetString(k)!);

    internal static IEnumerable<string> ScopeNamesOf(TableTransactionAction marker) => ScopeNamesOf((TableEntity)marker.Entity);

    internal static IEnumerable<string> MemberScopeNames(IEnumerable<ImageMember> members) =>
        members.Select(m => ListingKeys.Name(ListingScope.SharedWith(m.MemberId)));

    /// <summary>The copies of an image in every scope it belongs to, by scope name, as a sync writes them.</summary>
    /// <param name="image">The image <paramref name="imageRow"/> holds, already mapped by the caller.</param>
    internal static IReadOnlyDictionary<string, TableEntity> CopiesOf(TableEntity imageRow, Image image, IReadOnlyList<ImageMember> members) =>
        ListingScope.Of(image, members).ToDictionary(
            s => ListingKeys.Name(s.Scope), s => Copy(imageRow, s.Scope, image.CreatedAt, s.Member), StringComparer.Ordinal);

    /// <summary>
    /// The marker once the copies are in place: it names the scopes they are in (member scopes are found from the
    /// member rows) and is not pending.
    /// </summary>
    internal static TableEntity SyncedMarker(string imageId, IEnumerable<string> scopeNames)
    {
        var marker = new TableEntity(imageId, ImagePartitionRows.ListingMarker(imageId));
        foreach (var name in scopeNames.Where(n => ListingKeys.Parse(n).Kind != ListingScopeKind.Member))
        {
            marker[ListingKeys.MarkerColumn(name)] = name;
        }
        return marker;
    }

    /// <summary>Replaces the marker read with <paramref name="markerETag"/>; false when it changed since (a newer commit).</summary>
    private async Task<bool> TryMarkSyncedAsync(string imageId, TableEntity marker, ETag? markerETag, CancellationToken cancellationToken)
    {
        try
        {
            if (markerETag is { } etag)
            {
                await _images.UpdateEntityAsync(marker, etag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await _images.AddEntityAsync(marker, cancellationToken);
            }
            return true;
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict or (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    // The SDK answers a single delete of a missing entity with its 404 response instead of throwing: already gone is done.
    private Task DeleteCopyAsync(string partition, string row, CancellationToken cancellationToken) =>
        _index.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);

    private static TableEntity Copy(TableEntity image, ListingScope scope, DateTimeOffset createdAt, ImageMember? member)
    {
        var copy = new TableEntity(ListingKeys.Partition(scope), ListingKeys.Row(scope, createdAt, image.PartitionKey));
        foreach (var (key, value) in image)
        {
            if (!SkippedColumns.Contains(key) && !ImageEntityMapper.StorageOnlyColumns.Contains(key))
            {
                copy[key] = value;
            }
        }
        if (ListingKeys.Relation(scope) is { } relation)
        {
            copy[RelationColumn] = relation;
        }
        if (member is not null)
        {
            copy[MemberStatusColumn] = member.Status;
            copy["MemberId"] = member.MemberId;
            copy["MemberCreatedAt"] = member.CreatedAt;
            copy["MemberUpdatedAt"] = member.UpdatedAt;
        }
        return copy;
    }

    /// <summary>
    /// The copies in <paramref name="scopes"/>, merged newest first, each image once. Scopes that share a partition (a
    /// project's own images and those shared with it) are one range read.
    /// </summary>
    public async IAsyncEnumerable<ListedImage> ReadNewestFirstAsync(
        IReadOnlyList<ListingScope> scopes, IReadOnlyList<ImageFieldMatch> narrowing, ImageCursor? after, int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // One row more than a page: the merge steps past the last image it returns, and that step must not cost a
        // second request for a page nobody reads (the table service answers at most 1000 rows a request).
        var rowsPerRequest = Math.Min(pageSize + 1, 1000);
        var readers = scopes.GroupBy(ListingKeys.Partition)
            .Select(g => _index.QueryAsync<TableEntity>(ListingFilter.For(g.Key, g.ToList(), after, narrowing), maxPerPage: rowsPerRequest, cancellationToken: cancellationToken)
                .GetAsyncEnumerator(cancellationToken))
            .ToList();
        try
        {
            var live = (await Task.WhenAll(readers.Select(async r => (Reader: r, Alive: await r.MoveNextAsync()))))
                .Where(r => r.Alive).Select(r => r.Reader).ToList();
            while (live.Count > 0)
            {
                // An image's rows are adjacent in row-key order, whichever partitions hold them: take them all at once.
                var imageId = ListingKeys.ImageId(live.Select(r => r.Current.RowKey).Min(StringComparer.Ordinal)!);
                var rows = new List<TableEntity>();
                foreach (var reader in live.ToList())
                {
                    while (ListingKeys.ImageId(reader.Current.RowKey) == imageId)
                    {
                        rows.Add(reader.Current);
                        if (!await reader.MoveNextAsync())
                        {
                            live.Remove(reader);
                            break;
                        }
                    }
                }
                yield return ToListed(imageId, rows);
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                await reader.DisposeAsync();
            }
        }
    }

    /// <summary>One image from its copies; the membership comes from a member copy, if one was read.</summary>
    private static ListedImage ToListed(string imageId, List<TableEntity> copies)
    {
        var image = ImageEntityMapper.ToImage(copies[0], imageId);
        var member = copies.FirstOrDefault(c => c.GetString(RelationColumn) == ListingKeys.MemberRelation);
        var membership = member is null
            ? null
            : new ImageMember(imageId, member.GetString("MemberId") ?? "", member.GetString(MemberStatusColumn) ?? ImageMember.Pending,
                member.GetDateTimeOffset("MemberCreatedAt") ?? image.CreatedAt, member.GetDateTimeOffset("MemberUpdatedAt") ?? image.UpdatedAt);
        return new ListedImage(image, membership);
    }

    /// <summary>
    /// Images in saving, uploading or importing last changed before <paramref name="cutoff"/>: a filtered scan of the
    /// <c>all</c> partition (server-side; it returns only such images, normally none).
    /// </summary>
    public async IAsyncEnumerable<string> MidOperationSinceAsync(DateTimeOffset cutoff,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var all = ListingKeys.Partition(ListingScope.Everything);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {all} and (Status eq {"saving"} or Status eq {"uploading"} or Status eq {"importing"}) and UpdatedAt lt {cutoff}");
        await foreach (var row in _index.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            yield return ListingKeys.ImageId(row.RowKey);
        }
    }

    /// <summary>Images whose copies have been pending since before <paramref name="cutoff"/>: a crash, or a sync that failed.</summary>
    public async IAsyncEnumerable<string> PendingSinceAsync(DateTimeOffset cutoff,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey ge {ImagePartitionRows.ListingMarkerPrefix} and RowKey lt {ImagePartitionRows.ListingMarkerEnd} and Pending lt {cutoff}");
        await foreach (var row in _images.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            yield return row.PartitionKey;
        }
    }
}
