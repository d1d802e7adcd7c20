using Glance.Domain.Errors;

namespace Glance.Domain.Stores;

/// <summary>
/// The configured stores and the default one. Without configured stores there is one store, the service's original
/// container, and the API is Glance's without multistore: no <c>/v2/info/stores</c>, no <c>stores</c> field, no
/// store headers, and images record no store (their bytes are in that one store). With stores configured, every
/// image with data records which stores hold it, in the order they received it.
/// </summary>
public sealed class ImageStoreCatalog
{
    /// <summary>The id of the one store when none is configured (never shown: Glance without multistore names none).</summary>
    public const string SingleStoreId = "default";

    /// <summary>Glance's reserved prefix: its internal staging and tasks stores, never listed or chosen.</summary>
    public const string ReservedPrefix = "os_glance_";

    private readonly Dictionary<string, ImageStore> _byId;

    public ImageStoreCatalog(IReadOnlyList<ImageStore> stores, string defaultId, bool multistore)
    {
        ArgumentNullException.ThrowIfNull(stores);
        Stores = stores;
        DefaultId = defaultId;
        IsMultistore = multistore;
        _byId = stores.ToDictionary(s => s.Id, StringComparer.Ordinal);
        if (!_byId.ContainsKey(defaultId))
        {
            throw new ArgumentException($"The default store '{defaultId}' is not one of the stores.", nameof(defaultId));
        }
    }

    /// <summary>One store, not shown: Glance without enabled_backends.</summary>
    public static ImageStoreCatalog Single { get; } =
        new([new ImageStore(SingleStoreId, null, "azure_blob", 0, [])], SingleStoreId, multistore: false);

    /// <summary>In Glance's order (its configuration's; ours is the settings', sorted by id).</summary>
    public IReadOnlyList<ImageStore> Stores { get; }

    public string DefaultId { get; }

    /// <summary>True when stores are configured: Glance's enabled_backends.</summary>
    public bool IsMultistore { get; }

    public IEnumerable<string> Ids => Stores.Select(s => s.Id);

    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>The store ids a request names, each known, or Glance's 409 for the first that is not.</summary>
    public IReadOnlyList<string> EnsureKnown(IReadOnlyList<string> ids)
    {
        foreach (var id in ids)
        {
            if (!Contains(id))
            {
                throw GlanceErrors.StoreNotFound(id);
            }
        }
        return ids;
    }

    /// <summary>
    /// The stores that hold <paramref name="image"/>'s bytes when it has any: those it records, or the default store for
    /// an image that records none (without multistore, or from before stores were configured).
    /// </summary>
    public IReadOnlyList<string> Holding(Images.Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return image.Stores.Count > 0 ? image.Stores : [DefaultId];
    }

    /// <summary>
    /// The stores an import puts the bytes in, in Glance's order of answers (its <c>get_stores_from_request</c>):
    /// <c>all_stores</c> with <c>stores</c> or the header (400), <c>stores</c> with the header (400), then each store
    /// known (409); every store for <c>all_stores</c>, else <c>stores</c>, else the header's, else the default. Empty
    /// without multistore, where Glance ignores all three.
    /// </summary>
    public IReadOnlyList<string> ForImport(Importing.ImportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsMultistore)
        {
            return [];
        }
        if (request.AllStores)
        {
            return request.Stores is not null || request.StoreHeader is not null ? throw GlanceErrors.AllStoresWithStores() : [.. Ids];
        }
        if (request.Stores is not null && request.StoreHeader is not null)
        {
            throw GlanceErrors.StoresWithStoreHeader();
        }
        return [.. EnsureKnown(request.Stores ?? [request.StoreHeader ?? DefaultId]).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Where new bytes go: the store a request named (X-Image-Meta-Store), known or Glance's 400, else the default;
    /// null without multistore (the one store, recorded as none).
    /// </summary>
    public string? ForUpload(string? requested)
    {
        if (!IsMultistore)
        {
            return null;
        }
        if (requested is null)
        {
            return DefaultId;
        }
        return Contains(requested) ? requested : throw GlanceErrors.UploadStoreNotFound(requested);
    }
}
