using Azure.Storage.Blobs;
using Glance.Domain.Images;
using Glance.Domain.Ports;
using Glance.Domain.Stores;

namespace Glance.Storage.Blobs;

/// <summary>
/// Location URLs as blob URLs: <c>{store container URI}/{image id}</c>, read with the SDK's <see cref="BlobUriBuilder"/>,
/// which knows both the service's host-style URLs (<c>https://acct.blob.core.windows.net/c/b</c>) and the emulator's
/// path-style ones (<c>http://127.0.0.1:10000/devstoreaccount1/c/b</c>). A URL names a copy only when its scheme, host,
/// port, account and container are those of a configured store: the upload area, another account and any other
/// host name none.
/// </summary>
public sealed class BlobImageLocations(BlobStores stores) : IImageLocations
{
    public ImageLocation? Find(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return null;
        }
        BlobUriBuilder named;
        try
        {
            named = new BlobUriBuilder(uri);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or UriFormatException)
        {
            return null;
        }
        // Blob names are case-sensitive and ours are the canonical (lower-case) id: any other spelling names no copy.
        if (named.Snapshot.Length > 0 || named.VersionId.Length > 0 || !ImageAttributeWriter.IsValidImageId(named.BlobName)
            || ImageIds.Canonical(named.BlobName) != named.BlobName)
        {
            return null;
        }
        var store = stores.All.FirstOrDefault(s => SameContainer(new BlobUriBuilder(s.Images.Uri), named));
        return store is null ? null : new ImageLocation(store.Id, named.BlobName);
    }

    public string UrlOf(ImageLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return stores.Get(location.StoreId).Blob(location.ImageId).Uri.AbsoluteUri;
    }

    private static bool SameContainer(BlobUriBuilder store, BlobUriBuilder named) =>
        string.Equals(store.Scheme, named.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(store.Host, named.Host, StringComparison.OrdinalIgnoreCase)
        && store.Port == named.Port
        && string.Equals(store.AccountName, named.AccountName, StringComparison.OrdinalIgnoreCase)
        && string.Equals(store.BlobContainerName, named.BlobContainerName, StringComparison.Ordinal);
}
