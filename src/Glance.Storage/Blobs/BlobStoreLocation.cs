using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Glance.Storage.Blobs;

/// <summary>Where one store keeps image bytes: its account's client, its container and the tier of every copy.</summary>
public sealed record BlobStoreLocation(string Id, BlobServiceClient Service, BlobContainerClient Images, AccessTier Tier)
{
    public BlobClient Blob(string imageId) => Images.GetBlobClient(imageId);
}
