using System.Diagnostics;
using Azure.Data.Tables;

namespace Glance.Benchmarks;

/// <summary>
/// The raw floors: what Azurite's table service costs with no service in between, measured with Azure.Data.Tables (the
/// SDK the service uses) against the same Azurite, in a table of its own. Each returns milliseconds.
/// </summary>
internal sealed class TableFloors(TableClient table)
{
    private const string TableName = "apibenchfloor";

    public static async Task<TableFloors> CreateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(TableName);
        await table.CreateIfNotExistsAsync(cancellationToken);
        return new TableFloors(table);
    }

    /// <summary>One entity group transaction in a new partition, the shape of a create: image row and event inserted, marker merged.</summary>
    public async Task<(double Milliseconds, string Id)> TransactionAsync(CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString();
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, FloorRows.Image(id)),
            new(TableTransactionActionType.UpsertMerge, FloorRows.Marker(id)),
            new(TableTransactionActionType.Add, FloorRows.Event(id)),
        ];
        var clock = Stopwatch.StartNew();
        await table.SubmitTransactionAsync(actions, cancellationToken);
        return (clock.Elapsed.TotalMilliseconds, id);
    }

    /// <summary>
    /// A create's storage with nothing else: the transaction, then its two listing copies (all, owner) written at once;
    /// no service can answer a create faster on this Azurite.
    /// </summary>
    public async Task<double> TransactionThenCopiesAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (_, id) = await TransactionAsync(cancellationToken);
        await Task.WhenAll(Enumerable.Range(0, 2).Select(scope => table.UpsertEntityAsync(FloorRows.Copy(id, scope), TableUpdateMode.Replace, cancellationToken)));
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>A point read of the image row.</summary>
    public async Task<double> PointReadAsync(string id, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await table.GetEntityAsync<TableEntity>(id, FloorRows.ImageRowKey(id), cancellationToken: cancellationToken);
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>One upsert (replace) of the image row.</summary>
    public async Task<double> UpsertAsync(string id, CancellationToken cancellationToken)
    {
        var row = FloorRows.Image(id);
        var clock = Stopwatch.StartNew();
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary><paramref name="count"/> upserts of image-sized rows in as many partitions at once, until the last answers.</summary>
    public async Task<double> ParallelUpsertsAsync(string id, int count, CancellationToken cancellationToken)
    {
        var rows = Enumerable.Range(0, count).Select(scope => FloorRows.Copy(id, scope)).ToList();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(rows.Select(row => table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken)));
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary><paramref name="count"/> point reads of the image row at once; the latency of each.</summary>
    public async Task<double[]> ConcurrentPointReadsAsync(string id, int count, CancellationToken cancellationToken) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => PointReadAsync(id, cancellationToken)));
}
