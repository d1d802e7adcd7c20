using Azure.Storage.Blobs;
using Azure.Storage.Sas;

namespace Glance.Storage.Blobs;

/// <summary>The one shape of every SAS the service issues: one blob (or one snapshot of it), the given permissions, a short life.</summary>
internal static class DataSas
{
    // Clocks of clients and storage front ends differ; a SAS valid from "now" can be refused as not yet valid.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static BlobSasBuilder Builder(BlobClient blob, BlobSasPermissions permissions, DateTimeOffset now, DateTimeOffset expiresOn)
    {
        var builder = new BlobSasBuilder
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = now - ClockSkew,
            ExpiresOn = expiresOn,
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        builder.SetPermissions(permissions);
        return builder;
    }

    /// <summary>
    /// A read-only SAS for a snapshot of a served blob, with the response headers set by the URL itself
    /// (<c>rsct</c>, <c>rscd</c>, <c>rsce</c>): a browser or client saves the bytes as they are, never renders or unpacks them.
    /// </summary>
    public static BlobSasBuilder Download(BlobClient snapshot, DateTimeOffset now, DateTimeOffset expiresOn)
    {
        var builder = Builder(snapshot, BlobSasPermissions.Read, now, expiresOn);
        builder.Snapshot = snapshot.Uri.Query.Contains("snapshot=", StringComparison.Ordinal)
            ? new BlobUriBuilder(snapshot.Uri).Snapshot
            : throw new ArgumentException("A download URL is issued for a snapshot.", nameof(snapshot));
        builder.Resource = "bs";
        builder.ContentType = "application/octet-stream";
        builder.ContentDisposition = "attachment";
        builder.ContentEncoding = "identity";
        return builder;
    }
}
