using System.Net;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Glance.Storage.Blobs;

/// <summary>
/// Download URLs are scoped to a snapshot of the served blob, not to the blob itself, so that they can be revoked:
/// deleting the image's snapshots ends every URL issued for them at once. A user-delegation SAS cannot be revoked
/// alone (only the whole delegation key can), and stored access policies do not apply to it; a snapshot of a block
/// blob shares its blocks, so it costs next to nothing. Served bytes never change, so one snapshot serves every URL
/// issued until the next revocation.
/// </summary>
internal static class DownloadSnapshots
{
    public static async Task<BlobClient> CurrentAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var existing = await ListAsync(blob, cancellationToken);
        if (existing.Count > 0)
        {
            return blob.WithSnapshot(existing.Max()!);
        }
        var created = await blob.CreateSnapshotAsync(cancellationToken: cancellationToken);
        return blob.WithSnapshot(created.Value.Snapshot);
    }

    /// <summary>Revokes in every store at once; a store whose container is gone has nothing to revoke.</summary>
    public static Task RevokeAsync(IEnumerable<BlobClient> copies, CancellationToken cancellationToken) =>
        Task.WhenAll(copies.Select(async blob =>
        {
            try
            {
                await RevokeAsync(blob, cancellationToken);
            }
            catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
            {
            }
        }));

    public static async Task RevokeAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        foreach (var snapshot in await ListAsync(blob, cancellationToken))
        {
            try
            {
                await blob.WithSnapshot(snapshot).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
            {
            }
        }
    }

    private static async Task<List<string>> ListAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var container = blob.GetParentBlobContainerClient();
        var snapshots = new List<string>();
        await foreach (var item in container.GetBlobsAsync(BlobTraits.None, BlobStates.Snapshots, blob.Name, cancellationToken))
        {
            if (item.Name == blob.Name && !string.IsNullOrEmpty(item.Snapshot))
            {
                snapshots.Add(item.Snapshot);
            }
        }
        return snapshots;
    }
}
