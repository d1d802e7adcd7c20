using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;

namespace Glance.Storage.Blobs;

/// <summary>
/// How a copy into another account reads its source: a read-only SAS for that one blob, short-lived (the copy is
/// authorized when it starts), signed with the account key (Azurite) or a user delegation key of the source's account
/// obtained with the app's identity (Azure, shared keys off).
/// </summary>
internal static class CopySources
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static async Task<Uri> ReadUrlAsync(BlobClient source, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var builder = DataSas.Builder(source, BlobSasPermissions.Read, now, now + Lifetime);
        if (new BlobUriBuilder(source.Uri).Snapshot is { Length: > 0 } snapshot)
        {
            // A frozen upload: the SAS names the snapshot.
            builder.Snapshot = snapshot;
            builder.Resource = "bs";
        }
        if (source.CanGenerateSasUri)
        {
            return source.GenerateSasUri(builder);
        }
        var service = source.GetParentBlobContainerClient().GetParentBlobServiceClient();
        var key = (await service.GetUserDelegationKeyAsync(now.AddMinutes(-5), now + Lifetime, cancellationToken)).Value;
        return new BlobUriBuilder(source.Uri) { Sas = builder.ToSasQueryParameters(key, service.AccountName) }.ToUri();
    }
}
