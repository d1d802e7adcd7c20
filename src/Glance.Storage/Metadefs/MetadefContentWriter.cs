using System.Net;
using Azure;
using Azure.Data.Tables;
using Glance.Domain.Events;
using Glance.Domain.Metadefs;
using Glance.Domain.Ports;

namespace Glance.Storage.Metadefs;

/// <summary>
/// Writes a change of a namespace's contents (docs/metadefs.md): every row it touches, its events, and the namespace
/// row compare-and-set with its <c>Sequence</c> and <c>EventSequence</c> advanced, in one entity group transaction; so a
/// change decided on contents that someone else changed meanwhile fails whole, and reports nothing. A table
/// transaction names each row once, so a row removed and given again (a tag list replaced by one that repeats a tag)
/// is one replace.
/// </summary>
internal sealed class MetadefContentWriter(TableClient table, NamespaceOutbox outbox)
{
    private const int TransactionRows = 100;

    public async Task SaveAsync(NamespaceDetail found, ContentChanges changes, IReadOnlyList<MetadefEvent> events, CancellationToken cancellationToken)
    {
        var ns = found.Namespace;
        var partition = MetadefKeys.Partition(ns.Id);
        await new ResourceTypeRegistry(table).RegisterAsync(changes.AddedAssociations, cancellationToken);
        var head = await ReadHeadAsync(found, partition, cancellationToken);
        var sequence = head.GetInt64("Sequence") ?? 0;
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (all, prefix) in new[] { (changes.RemoveAllTags, "t:"), (changes.RemoveAllObjects, "o:"), (changes.RemoveAllProperties, "p:") })
        {
            if (all)
            {
                removed.UnionWith(await RowKeysAsync(partition, prefix, cancellationToken));
            }
        }
        removed.UnionWith(changes.RemovedTags.Select(MetadefKeys.Tag));
        removed.UnionWith(changes.RemovedObjects.Select(MetadefKeys.Object));
        removed.UnionWith(changes.RemovedProperties.Select(MetadefKeys.Property));
        removed.UnionWith(changes.RemovedAssociations.Select(MetadefKeys.Association));

        var written = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        // Renamed items keep the number that places them in creation order.
        foreach (var (oldKey, row) in await ReplacementsAsync(partition, changes, cancellationToken))
        {
            removed.Add(oldKey);
            written[row.RowKey] = row;
        }
        foreach (var row in changes.AddedAssociations.Select(a => MetadefRows.Association(partition, a, ++sequence))
                     .Concat(changes.AddedObjects.Select(o => MetadefRows.Object(partition, o, ++sequence)))
                     .Concat(changes.AddedProperties.Select(p => MetadefRows.Property(partition, p, ++sequence)))
                     .Concat(changes.AddedTags.Select(t => MetadefRows.Tag(partition, t, ++sequence))))
        {
            written[row.RowKey] = row;
        }

        var commit = outbox.Prepare(ns.Id, NamespaceOutbox.SequenceOf(head), events);
        var advanced = new TableEntity(partition, head.RowKey) { ["Sequence"] = sequence, [NamespaceOutbox.SequenceColumn] = commit.NextSequence };
        // The events right after the namespace row: both are in the first transaction, which is the commit.
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateMerge, advanced, head.ETag) };
        actions.AddRange(commit.Adds);
        actions.AddRange(removed.Where(k => !written.ContainsKey(k))
            .Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, k))));
        actions.AddRange(written.Values.Select(row => removed.Contains(row.RowKey)
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, ETag.All)
            : new TableTransactionAction(TableTransactionActionType.Add, row)));
        try
        {
            await table.SubmitTransactionAsync(actions.Take(TransactionRows), cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound or (int)HttpStatusCode.Conflict)
        {
            throw new ConcurrencyConflictException($"Namespace {ns.Name} changed since it was read.", e);
        }
        outbox.Committed(commit);
        // Past a transaction's 100 rows (emptying a large kind): the namespace row committed the change in the first.
        foreach (var chunk in actions.Skip(TransactionRows).Chunk(TransactionRows))
        {
            await table.SubmitTransactionAsync(chunk, CancellationToken.None);
        }
    }

    private async Task<TableEntity> ReadHeadAsync(NamespaceDetail found, string partition, CancellationToken cancellationToken)
    {
        var head = await table.GetEntityIfExistsAsync<TableEntity>(partition, MetadefKeys.NamespaceRow(found.Namespace.Id), cancellationToken: cancellationToken);
        if (!head.HasValue || head.Value!.ETag.ToString() != found.Version)
        {
            throw new ConcurrencyConflictException($"Namespace {found.Namespace.Name} changed since it was read.");
        }
        return head.Value;
    }

    private async Task<List<string>> RowKeysAsync(string partition, string prefix, CancellationToken cancellationToken)
    {
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(prefix) >= 0 && e.RowKey.CompareTo(end) < 0, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(row.RowKey);
        }
        return keys;
    }

    private async Task<List<(string OldKey, TableEntity Row)>> ReplacementsAsync(string partition, ContentChanges changes, CancellationToken cancellationToken)
    {
        var replacements = changes.ReplacedTags.Select(r => (MetadefKeys.Tag(r.OldName), (Func<long, TableEntity>)(s => MetadefRows.Tag(partition, r.New, s))))
            .Concat(changes.ReplacedObjects.Select(r => (MetadefKeys.Object(r.OldName), (Func<long, TableEntity>)(s => MetadefRows.Object(partition, r.New, s)))))
            .Concat(changes.ReplacedProperties.Select(r => (MetadefKeys.Property(r.OldName), (Func<long, TableEntity>)(s => MetadefRows.Property(partition, r.New, s)))));
        var rows = new List<(string, TableEntity)>();
        foreach (var (oldKey, row) in replacements)
        {
            var old = await table.GetEntityIfExistsAsync<TableEntity>(partition, oldKey, select: ["Sequence"], cancellationToken: cancellationToken);
            if (!old.HasValue)
            {
                throw new ConcurrencyConflictException($"{oldKey} went away since it was read.");
            }
            rows.Add((oldKey, row(old.Value!.GetInt64("Sequence") ?? 0)));
        }
        return rows;
    }
}
