using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Storage.Blobs;

/// <summary>SAS URLs signed with the account key: for Azurite and accounts that allow shared keys.</summary>
[method: ActivatorUtilitiesConstructor]
public sealed class AccountKeyDataUrlIssuer(BlobStores stores, TimeProvider clock) : BlobDataUrlIssuer(stores, clock)
{
    /// <summary>One store, the account's original container.</summary>
    public AccountKeyDataUrlIssuer(BlobServiceClient blobs, TimeProvider clock)
        : this(BlobStores.Single(blobs), clock)
    {
    }

    protected override Task<Uri> SignAsync(BlobClient blob, BlobServiceClient account, BlobSasBuilder builder, CancellationToken cancellationToken) =>
        Task.FromResult(blob.GenerateSasUri(builder));
}
