using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Glance.Storage.Events;
using Glance.Storage.Tables;
using Azure.Storage.Blobs;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests.Faults;

/// <summary>
/// What must hold once a fault is over and the recovery windows have passed, read straight from storage (never
/// through the service under test) and from what the webhook received:
/// no image stuck in saving, uploading or importing; no blob of an image that is not active; every event committed
/// (the image row's EventSequence counts them) received, de-duplicated by CloudEvent id, and no event left in the
/// outbox; every active image's bytes hash to its checksum and os_hash_value.
/// </summary>
public sealed class RecoveryAudit(AzuriteProcess azurite, EventCollector events)
{
    private static readonly string[] MidOperation = ["saving", "uploading", "importing"];
    private readonly TableClient _images = new TableServiceClient(azurite.ConnectionString).GetTableClient("images");
    private readonly BlobServiceClient _blobs = new(azurite.ConnectionString);

    public async Task AssertRecoveredAsync(TimeSpan patience)
    {
        // Every fault test stores images: an audit that reads none would pass whatever happened.
        Assert.NotEmpty(await ImageRowsAsync());
        await AssertNothingStuckAsync(patience);
        await AssertNoOrphanBlobsAsync();
        await AssertEveryEventArrivedAsync(patience);
        await AssertActiveBytesVerifiedAsync();
    }

    public async Task<IReadOnlyList<TableEntity>> ImageRowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _images.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {ImagePartitionRows.ImagePrefix} and RowKey lt {ImagePartitionRows.ImageEnd}")))
        {
            rows.Add(row);
        }
        return rows;
    }

    public async Task<bool> ImageBlobExistsAsync(string imageId) =>
        await _blobs.GetBlobContainerClient("images").GetBlobClient(imageId).ExistsAsync();

    public async Task<TableEntity> ImageRowAsync(string imageId) => (await _images.GetEntityAsync<TableEntity>(imageId, ImagePartitionRows.Image(imageId))).Value;

    public async Task AssertNothingStuckAsync(TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var stuck = (await ImageRowsAsync()).Where(r => MidOperation.Contains(r.GetString("Status"))).ToList();
            if (stuck.Count == 0)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline,
                "Images still mid-operation after the recovery windows: " + string.Join(", ", stuck.Select(r => $"{r.PartitionKey} {r.GetString("Status")}")));
            await Task.Delay(250);
        }
    }

    public async Task AssertNoOrphanBlobsAsync()
    {
        var images = (await ImageRowsAsync()).ToDictionary(r => r.PartitionKey, r => r.GetString("Status"));
        var orphans = new List<string>();
        await foreach (var container in _blobs.GetBlobContainersAsync())
        {
            await foreach (var blob in _blobs.GetBlobContainerClient(container.Name).GetBlobsAsync())
            {
                if (!(images.TryGetValue(blob.Name, out var status) && status is "active" or "deactivated"))
                {
                    orphans.Add($"{container.Name}/{blob.Name} (image {status ?? "unknown"})");
                }
            }
        }
        Assert.True(orphans.Count == 0, "Blobs of images that are not active: " + string.Join(", ", orphans));
    }

    public async Task AssertEveryEventArrivedAsync(TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            var pending = new List<string>();
            var outbox = TableClient.CreateQueryFilter($"RowKey ge {EventRows.Prefix} and RowKey lt {EventRows.End}");
            await foreach (var row in _images.QueryAsync<TableEntity>(outbox, select: ["PartitionKey"]))
            {
                pending.Add(row.PartitionKey);
            }
            var missing = (await ImageRowsAsync())
                .Select(r => (Id: r.PartitionKey, Committed: r.GetInt64("EventSequence") ?? 0, Received: DistinctEventsOf(r.PartitionKey).Count))
                .Where(c => c.Committed != c.Received)
                .ToList();
            if (pending.Count == 0 && missing.Count == 0)
            {
                break;
            }
            Assert.True(DateTime.UtcNow < deadline,
                $"Events still in the outbox of {string.Join(", ", pending.Distinct())}; committed vs received: " +
                string.Join(", ", missing.Select(m => $"{m.Id} {m.Committed} vs {m.Received}")));
            await Task.Delay(250);
        }
        // At least once: a re-published event keeps its id, and with it its type and payload.
        foreach (var copies in events.Events.GroupBy(e => e.GetProperty("id").GetString()))
        {
            Assert.Single(copies.Select(e => e.GetProperty("type").GetString() + e.GetProperty("data").GetRawText()).Distinct());
        }
    }

    /// <summary>An image's events as a subscriber sees them: de-duplicated by CloudEvent id, in order of first arrival.</summary>
    public List<JsonElement> DistinctEventsOf(string imageId) =>
        events.EventsOf(imageId).DistinctBy(e => e.GetProperty("id").GetString()).ToList();

    public List<string> EventTypesOf(string imageId) => DistinctEventsOf(imageId).Select(e => e.GetProperty("type").GetString()!).ToList();

    public async Task AssertActiveBytesVerifiedAsync()
    {
        var container = _blobs.GetBlobContainerClient("images");
        foreach (var row in (await ImageRowsAsync()).Where(r => r.GetString("Status") is "active" or "deactivated"))
        {
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            using var sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
            long size = 0;
            await using (var stream = await container.GetBlobClient(row.PartitionKey).OpenReadAsync())
            {
                var buffer = new byte[1 << 20];
                int read;
                while ((read = await stream.ReadAsync(buffer)) > 0)
                {
                    md5.AppendData(buffer, 0, read);
                    sha512.AppendData(buffer, 0, read);
                    size += read;
                }
            }
            Assert.Equal("sha512", row.GetString("OsHashAlgo"));
            Assert.Equal(row.GetInt64("Size"), size);
            Assert.Equal(row.GetString("Checksum"), Convert.ToHexStringLower(md5.GetHashAndReset()));
            Assert.Equal(row.GetString("OsHashValue"), Convert.ToHexStringLower(sha512.GetHashAndReset()));
        }
    }
}
