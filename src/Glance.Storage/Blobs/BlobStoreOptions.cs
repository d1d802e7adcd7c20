namespace Glance.Storage.Blobs;

/// <summary>
/// One configured store: <c>Glance:Stores:&lt;id&gt;</c>. A store is a container, in the account of the
/// <c>GlanceStorage</c> connection or in another one reached with the same identity.
/// </summary>
public sealed class BlobStoreOptions
{
    /// <summary>The account's blob endpoint (e.g. <c>https://other.blob.core.windows.net</c>); none: GlanceStorage's account.</summary>
    public string? BlobServiceUri { get; set; }

    /// <summary>The container of the store's image bytes, one blob per image (3 to 63 lower-case letters, digits and hyphens).</summary>
    public string Container { get; set; } = StorageOptions.ImagesContainer;

    /// <summary>The access tier of every copy in this store: Hot (default), Cool or Cold.</summary>
    public string AccessTier { get; set; } = "Hot";

    /// <summary>Shown by <c>/v2/info/stores</c> (Glance's store_description).</summary>
    public string? Description { get; set; }

    /// <summary>Shown by <c>/v2/info/stores/detail</c> (Glance's weight, which orders locations for reads).</summary>
    public int Weight { get; set; }
}
