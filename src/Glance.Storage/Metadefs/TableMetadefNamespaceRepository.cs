using System.Net;
using Azure;
using Azure.Data.Tables;
using Glance.Domain.Events;
using Glance.Domain.Metadefs;
using Glance.Domain.Ports;
using Glance.Storage.Events;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Metadefs;

/// <summary>
/// The catalogue in the metadefs table (docs/metadefs.md): a partition per namespace, a claim row per name, listing
/// copies per scope. Copies of a new state are written before the namespace's partition commits and those of the old
/// state deleted after, so no namespace that exists lacks its copies; readers check every copy against the namespace.
/// Each change's events go in the transaction that writes the namespace row (<see cref="NamespaceOutbox"/>).
/// </summary>
public sealed class TableMetadefNamespaceRepository(
    TableServiceClient tables, EventOutbox outbox, IOptions<StorageOptions> options, IOptions<EventOptions> events, TimeProvider clock)
    : IMetadefNamespaceRepository
{
    /// <summary>A claim whose namespace does not exist after this long was left by a crash, not by a create under way.</summary>
    internal static readonly TimeSpan AbandonedClaimAfter = TimeSpan.FromMinutes(1);

    private const int TransactionRows = 100;

    private readonly TableClient _table = tables.GetTableClient(options.Value.MetadefsTable);
    private readonly NamespaceOutbox _outbox = new(tables.GetTableClient(options.Value.MetadefsTable), outbox, events.Value.Enabled);

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

    public async Task<bool> AddAsync(NamespaceDetail created, IReadOnlyList<MetadefEvent> events, CancellationToken cancellationToken = default)
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
        var commit = _outbox.Prepare(ns.Id, 0, events);
        var head = rows[0];
        head[NamespaceOutbox.SequenceColumn] = commit.NextSequence;
        // The namespace row goes in the last transaction, with the events: a partition without it is never read, so the
        // namespace and its events appear together, and a failure before leaves nothing that counts.
        var children = rows.Skip(1).ToList();
        var tail = Math.Max(0, Math.Min(children.Count, TransactionRows - 1 - commit.Rows.Count));
        var transactions = children.Take(children.Count - tail).Chunk(TransactionRows).ToList();
        transactions.Add([head, .. commit.Rows, .. children.Skip(children.Count - tail)]);
        var written = new List<TableEntity>();
        try
        {
            foreach (var transaction in transactions)
            {
                await _table.SubmitTransactionAsync(transaction.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), cancellationToken);
                written.AddRange(transaction);
            }
        }
        catch
        {
            // Glance's create cleans up what it wrote when a later part fails; so do we, name last.
            foreach (var row in written)
            {
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: CancellationToken.None);
            }
            await DeleteCopiesAsync(ns, keep: null);
            await _table.DeleteEntityAsync(MetadefKeys.NamesPartition, MetadefKeys.Name(ns.Name), cancellationToken: CancellationToken.None);
            throw;
        }
        _outbox.Committed(commit);
        return true;
    }

    public async Task<bool> SaveAsync(NamespaceDetail found, MetadefNamespace changed, IReadOnlyList<MetadefEvent> events, CancellationToken cancellationToken = default)
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
        OutboxCommit commit;
        try
        {
            // Inside: a namespace deleted since it was read answers 404 here, a conflict like any other.
            var head = await _table.GetEntityAsync<TableEntity>(MetadefKeys.Partition(before.Id), MetadefKeys.NamespaceRow(before.Id), cancellationToken: cancellationToken);
            var row = MetadefRows.Namespace(head.Value.PartitionKey, head.Value.RowKey, changed, head.Value.GetInt64("Sequence") ?? 0);
            commit = _outbox.Prepare(before.Id, NamespaceOutbox.SequenceOf(head.Value), events);
            row[NamespaceOutbox.SequenceColumn] = commit.NextSequence;
            await _table.SubmitTransactionAsync([new(TableTransactionActionType.UpdateReplace, row, new ETag(found.Version)), .. commit.Adds], cancellationToken);
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
        _outbox.Committed(commit);
        await DeleteCopiesAsync(before, keep: changed);
        if (renamed)
        {
            await _table.DeleteEntityAsync(MetadefKeys.NamesPartition, MetadefKeys.Name(before.Name), cancellationToken: CancellationToken.None);
        }
        return true;
    }

    public async Task DeleteAsync(NamespaceDetail found, IReadOnlyList<MetadefEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(found);
        var ns = found.Namespace;
        var partition = MetadefKeys.Partition(ns.Id);
        var headKey = MetadefKeys.NamespaceRow(ns.Id);
        var children = new List<string>();
        long sequence = 0;
        await foreach (var row in _table.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition, select: ["RowKey", NamespaceOutbox.SequenceColumn], cancellationToken: cancellationToken))
        {
            if (row.RowKey == headKey)
            {
                sequence = NamespaceOutbox.SequenceOf(row);
            }
            // Events not yet sent stay for the publisher, which removes them once they are.
            else if (!EventRows.IsEvent(row.RowKey))
            {
                children.Add(row.RowKey);
            }
        }
        // The namespace row goes first, compare-and-set, with the events: after that the namespace is gone, whatever
        // else remains. A namespace created again under the name gets another partition, so leftovers cannot come back.
        var commit = _outbox.Prepare(ns.Id, sequence, events);
        var firstChildren = Math.Max(0, TransactionRows - 1 - commit.Rows.Count);
        var first = new List<TableTransactionAction> { new(TableTransactionActionType.Delete, new TableEntity(partition, headKey), new ETag(found.Version)) };
        first.AddRange(commit.Adds);
        first.AddRange(children.Take(firstChildren).Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, k))));
        try
        {
            await _table.SubmitTransactionAsync(first, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            throw new ConcurrencyConflictException($"Namespace {ns.Name} changed since it was read.", e);
        }
        _outbox.Committed(commit);
        foreach (var chunk in children.Skip(firstChildren).Chunk(TransactionRows))
        {
            await _table.SubmitTransactionAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, k))), CancellationToken.None);
        }
        await DeleteCopiesAsync(ns, keep: null);
        await _table.DeleteEntityAsync(MetadefKeys.NamesPartition, MetadefKeys.Name(ns.Name), cancellationToken: CancellationToken.None);
    }

    public Task SaveContentsAsync(NamespaceDetail found, ContentChanges changes, IReadOnlyList<MetadefEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(changes);
        return new MetadefContentWriter(_table, _outbox).SaveAsync(found, changes, events, cancellationToken);
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
