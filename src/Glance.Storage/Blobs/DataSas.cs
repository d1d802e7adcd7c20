using Azure.Storage.Blobs;
using Azure.Storage.Sas;

namespace Glance.Storage.Blobs;

/// <summary>The one shape of every SAS the service issues: one blob, the given permissions, a short life.</summary>
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
}
