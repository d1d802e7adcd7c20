using System.Net;
using Azure;
using Azure.Data.Tables;
using Glance.Domain.Metadefs;
using Glance.Domain.Ports;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Metadefs;

/// <summary>
/// The catalogue in the metadefs table (docs/metadefs.md): a partition per namespace, a claim row per name, listing
/// copies per scope. Copies of a new state are written before the namespace's partition commits and those of the old
/// state deleted after, so no namespace that exists lacks its copies; readers check every copy against the namespace.
/// </summary>
public sealed class TableMetadefNamespaceRepository(TableServiceClient tables, IOptions<StorageOptions> options, TimeProvider clock)
    : IMetadefNamespaceRepository
{
    /// <summary>A claim whose namespace does not exist after this long was left by a crash, not by a create under way.</summary>
    internal static readonly TimeSpan AbandonedClaimAfter = TimeSpan.FromMinutes(1);

    private const int TransactionRows = 100;

    private readonly TableClient _table = tables.GetTableClient(options.Value.MetadefsTable);

    public async Task<NamespaceDetail?> FindAsync(string name, bool withContents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var claim = await _table.GetEntityIfExistsAsync<TableEntity>(MetadefKeys.NamesPartition, MetadefKeys.Name(name), cancellationToken: cancellationToken);
        return claim.HasValue ? await ReadAsync(claim.Value!.GetString("Id"), name, withContents, cancellationToken) : null;
    }

    public Task<NamespaceDetail?> ReadListedAsync(MetadefNamespace listed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listed);
        return ReadAsync(listed.Id, listed.Name, withContents: false, cancellationToken);
    }

    public async Task<bool> AddAsync(NamespaceDetail created, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(created);
        var ns = created.Namespace;
        if (!await ClaimAsync(ns, cancellationToken))
        {
            return false;
        }
        await WriteCopiesAsync(ns, cancellationToken);
        await new ResourceTypeRegistry(_table).RegisterAsync(created.Associations, cancellationToken);
        var rows = MetadefRows.Rows(created);
        var written = 0;
        try
        {
            foreach (var chunk in rows.Chunk(TransactionRows))
            {
                await _table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), cancellationToken);
                written += chunk.Length;
            }
        }
        catch
        {
            // Glance's create cleans up what it wrote when a later part fails; so do we, name last.
            foreach (var row in rows.Take(written))
            {
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: CancellationToken.None);
            }
            await DeleteCopiesAsync(ns, keep: null);
            await _table.DeleteEntityAsync(MetadefKeys.NamesPartition, MetadefKeys.Name(ns.Name), cancellationToken: CancellationToken.None);
            throw;
        }
        return true;
    }

    public async Task<bool> SaveAsync(NamespaceDetail found, MetadefNamespace changed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(changed);
        var before = found.Namespace;
        var renamed = before.Name != changed.Name;
        if (renamed && !await ClaimAsync(changed, cancellationToken))
        {
            return false;
        }
        await WriteCopiesAsync(changed, cancellationToken);
        var head = await _table.GetEntityAsync<TableEntity>(MetadefKeys.Partition(before.Id), MetadefKeys.NamespaceRow(before.Id), cancellationToken: cancellationToken);
        var row = MetadefRows.Namespace(head.Value.PartitionKey, head.Value.RowKey, changed, head.Value.GetInt64("Sequence") ?? 0);
        try
        {
            await _table.UpdateEntityAsync(row, new ETag(found.Version), TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            // What this attempt wrote for a state that did not commit: readers would skip it, the retry rewrites it.
            await DeleteCopiesAsync(changed, keep: before);
            if (renamed)
            {
                await _table.DeleteEntityAsync(MetadefKeys.NamesPartition, MetadefKeys.Name(changed.Name), cancellationToken: CancellationToken.None);
            }
            throw new ConcurrencyConflictException($"Namespace {before.Name} changed since it was read.", e);
        }
        await DeleteCopiesAsync(before, keep: changed);
        if (renamed)
        {
            await _table.DeleteEntityAsync(MetadefKeys.NamesPartition, MetadefKeys.Name(before.Name), cancellationToken: CancellationToken.None);
        }
        return true;
    }

    public async Task DeleteAsync(NamespaceDetail found, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(found);
        var ns = found.Namespace;
        var partition = MetadefKeys.Partition(ns.Id);
        var headKey = MetadefKeys.NamespaceRow(ns.Id);
        var children = new List<string>();
        await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (row.RowKey != headKey)
            {
                children.Add(row.RowKey);
            }
        }
        // The namespace row goes first, compare-and-set: after that the namespace is gone, whatever else remains. A
        // namespace created again under the name gets another partition, so leftovers cannot come back.
        var first = new List<TableTransactionAction> { new(TableTransactionActionType.Delete, new TableEntity(partition, headKey), new ETag(found.Version)) };
        first.AddRange(children.Take(TransactionRows - 1).Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, k))));
        try
        {
            await _table.SubmitTransactionAsync(first, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            throw new ConcurrencyConflictException($"Namespace {ns.Name} changed since it was read.", e);
        }
        foreach (var chunk in children.Skip(TransactionRows - 1).Chunk(TransactionRows))
        {
            await _table.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, k))), CancellationToken.None);
        }
        await DeleteCopiesAsync(ns, keep: null);
        await _table.DeleteEntityAsync(MetadefKeys.NamesPartition, MetadefKeys.Name(ns.Name), cancellationToken: CancellationToken.None);
    }

    public Task SaveContentsAsync(NamespaceDetail found, ContentChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(changes);
        return new MetadefContentWriter(_table).SaveAsync(found, changes, cancellationToken);
    }

    public Task<IReadOnlyList<ResourceType>> ListResourceTypesAsync(CancellationToken cancellationToken = default) =>
        new ResourceTypeRegistry(_table).ListAsync(cancellationToken);

    public async Task<IReadOnlyList<MetadefNamespace>> ListAsync(IReadOnlyList<NamespaceScope> scopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var reads = scopes.Select(async scope =>
        {
            var partition = scope.Kind switch
            {
                NamespaceScopeKind.All => MetadefKeys.NamesPartition,
                NamespaceScopeKind.Public => MetadefKeys.PublicPartition,
                _ => MetadefKeys.OwnerPartition(scope.Owner),
            };
            var copies = new List<MetadefNamespace>();
            await foreach (var row in _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
            {
                copies.Add(MetadefRows.ReadNamespace(row));
            }
            return copies;
        });
        return (await Task.WhenAll(reads)).SelectMany(c => c).DistinctBy(ns => ns.Id).ToList();
    }

    private async Task<NamespaceDetail?> ReadAsync(string namespaceId, string name, bool withContents, CancellationToken cancellationToken)
    {
        var partition = MetadefKeys.Partition(namespaceId);
        var query = withContents
            ? _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken)
            : _table.QueryAsync<TableEntity>(e => e.PartitionKey == partition && e.RowKey.CompareTo(MetadefKeys.ContentsStart) < 0, cancellationToken: cancellationToken);
        var rows = new List<TableEntity>();
        await foreach (var row in query)
        {
            rows.Add(row);
        }
        var detail = MetadefRows.ReadPartition(rows, namespaceId);
        // A claim or copy left behind by a rename or a crash names a namespace that is not (or no longer) this one.
        return detail is not null && detail.Namespace.Name == name ? detail : null;
    }

    /// <summary>Takes the name for <paramref name="ns"/>: false when another namespace has it.</summary>
    private async Task<bool> ClaimAsync(MetadefNamespace ns, CancellationToken cancellationToken)
    {
        var claim = MetadefRows.Namespace(MetadefKeys.NamesPartition, MetadefKeys.Name(ns.Name), ns);
        try
        {
            await _table.AddEntityAsync(claim, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
        }
        var held = await _table.GetEntityIfExistsAsync<TableEntity>(claim.PartitionKey, claim.RowKey, cancellationToken: cancellationToken);
        if (!held.HasValue)
        {
            return await ClaimAsync(ns, cancellationToken);
        }
        var holder = held.Value!;
        if (await ReadAsync(holder.GetString("Id"), ns.Name, withContents: false, cancellationToken) is not null
            || holder.Timestamp is not { } claimedAt || clock.GetUtcNow() - claimedAt < AbandonedClaimAfter)
        {
            return false;
        }
        try
        {
            await _table.UpdateEntityAsync(claim, holder.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>The copies of <paramref name="ns"/>'s state: its claim's columns, the public scope if public, its owner's scope.</summary>
    private async Task WriteCopiesAsync(MetadefNamespace ns, CancellationToken cancellationToken)
    {
        var row = MetadefKeys.Name(ns.Name);
        var writes = new List<Task>
        {
            _table.UpsertEntityAsync(MetadefRows.Namespace(MetadefKeys.NamesPartition, row, ns), TableUpdateMode.Replace, cancellationToken),
            _table.UpsertEntityAsync(MetadefRows.Namespace(MetadefKeys.OwnerPartition(ns.Owner), row, ns), TableUpdateMode.Replace, cancellationToken),
        };
        if (ns.IsPublic)
        {
            writes.Add(_table.UpsertEntityAsync(MetadefRows.Namespace(MetadefKeys.PublicPartition, row, ns), TableUpdateMode.Replace, cancellationToken));
        }
        await Task.WhenAll(writes);
    }

    /// <summary>Deletes the scope copies of <paramref name="ns"/>'s state that <paramref name="keep"/>'s state does not also have.</summary>
    private async Task DeleteCopiesAsync(MetadefNamespace ns, MetadefNamespace? keep)
    {
        static IEnumerable<(string Partition, string Row)> Copies(MetadefNamespace n)
        {
            yield return (MetadefKeys.OwnerPartition(n.Owner), MetadefKeys.Name(n.Name));
            if (n.IsPublic)
            {
                yield return (MetadefKeys.PublicPartition, MetadefKeys.Name(n.Name));
            }
        }
        var kept = keep is null ? [] : Copies(keep).ToHashSet();
        await Task.WhenAll(Copies(ns).Where(c => !kept.Contains(c))
            .Select(c => _table.DeleteEntityAsync(c.Partition, c.Row, cancellationToken: CancellationToken.None)));
    }
}
