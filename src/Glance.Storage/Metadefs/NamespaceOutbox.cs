using Azure.Data.Tables;
using Glance.Domain.Events;
using Glance.Storage.Events;

namespace Glance.Storage.Metadefs;

/// <summary>
/// A namespace's outbox (docs/metadefs.md): a change's events, packed into rows numbered from the namespace row's
/// <c>EventSequence</c>, go in the transaction that writes the namespace row, so they exist if and only if the change
/// committed; once it has, they go to the dispatcher. Nothing is kept while events are off.
/// </summary>
internal sealed class NamespaceOutbox(TableClient table, EventOutbox outbox, bool enabled)
{
    /// <summary>The namespace row's count of outbox rows committed so far: the next change numbers its rows from there.</summary>
    public const string SequenceColumn = "EventSequence";

    public static long SequenceOf(TableEntity head) => head.GetInt64(SequenceColumn) ?? 0;

    /// <summary>The rows of <paramref name="events"/> after <paramref name="sequence"/>; the namespace row must be written with the commit's next sequence.</summary>
    public OutboxCommit Prepare(string namespaceId, long sequence, IReadOnlyList<MetadefEvent> events) =>
        OutboxCommit.Packed(new OutboxPartition(table.Name, MetadefKeys.Partition(namespaceId)), namespaceId, sequence, enabled ? events : []);

    public void Committed(OutboxCommit commit) => outbox.Committed(commit);
}
