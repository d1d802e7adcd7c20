using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Glance.Domain.Stores;
using Microsoft.Extensions.Configuration;

namespace Glance.Storage.Blobs;

/// <summary>
/// The configured stores (section <c>Glance:Stores</c>: <c>Default</c> and one section per store id) and the one upload
/// area, in GlanceStorage's account. With no store configured, the service's original container is the one store and
/// the API is Glance's without multistore (<see cref="ImageStoreCatalog.Single"/>). Read and checked once, at start.
/// </summary>
public sealed partial class BlobStores
{
    public const string SectionName = "Glance:Stores";

    private readonly Dictionary<string, BlobStoreLocation> _locations;

    private BlobStores(ImageStoreCatalog catalog, IReadOnlyList<BlobStoreLocation> locations, BlobContainerClient uploads)
    {
        Catalog = catalog;
        All = locations;
        _locations = locations.ToDictionary(l => l.Id, StringComparer.Ordinal);
        Uploads = uploads;
    }

    public ImageStoreCatalog Catalog { get; }

    /// <summary>Every store, in the catalogue's order.</summary>
    public IReadOnlyList<BlobStoreLocation> All { get; }

    public BlobStoreLocation Default => _locations[Catalog.DefaultId];

    /// <summary>Where upload URLs point, for every store: validation copies out of it into the image's store.</summary>
    public BlobContainerClient Uploads { get; }

    public BlobStoreLocation Get(string id) =>
        _locations.TryGetValue(id, out var location) ? location : throw new ArgumentException($"No store '{id}' is configured.", nameof(id));

    /// <summary>The single original container (what the tests and a deployment without stores have).</summary>
    public static BlobStores Single(BlobServiceClient primary) => new(
        ImageStoreCatalog.Single,
        [new BlobStoreLocation(ImageStoreCatalog.SingleStoreId, primary, primary.GetBlobContainerClient(StorageOptions.ImagesContainer), AccessTier.Hot)],
        primary.GetBlobContainerClient(StorageOptions.UploadsContainer));

    /// <summary>
    /// Reads <paramref name="section"/>; a store with another account is reached through <paramref name="credential"/>
    /// (the app's identity), which must then exist. Throws with the setting's name on anything malformed.
    /// </summary>
    public static BlobStores Read(IConfigurationSection section, BlobServiceClient primary, Func<TokenCredential?> credential)
    {
        // A store whose settings are all empty is none (infra writes them empty when there is no second store).
        var ids = section.GetChildren()
            .Where(c => c.Key != "Default" && c.AsEnumerable().Any(setting => !string.IsNullOrEmpty(setting.Value)))
            .Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return section["Default"] is { Length: > 0 } orphan
                ? throw Invalid("Default", $"names store '{orphan}', but no store is configured.")
                : Single(primary);
        }
        var stores = new List<ImageStore>();
        var locations = new List<BlobStoreLocation>();
        foreach (var id in ids)
        {
            var options = section.GetSection(id).Get<BlobStoreOptions>() ?? new BlobStoreOptions();
            locations.Add(Locate(id, options, primary, credential));
            var properties = new List<KeyValuePair<string, string>>
            {
                new("account", locations[^1].Service.Uri.GetLeftPart(UriPartial.Authority)),
                new("container", options.Container),
                new("access_tier", locations[^1].Tier.ToString()),
            };
            stores.Add(new ImageStore(id, options.Description, "azure_blob", options.Weight, properties));
        }
        var duplicate = locations.GroupBy(l => l.Images.Uri.AbsoluteUri.TrimEnd('/'), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Invalid(duplicate.First().Id, $"uses the same container as store '{duplicate.Last().Id}'.");
        }
        var defaultId = section["Default"] is { Length: > 0 } named ? named : ids.Count == 1 ? ids[0]
            : throw Invalid("Default", "must name the default store when several are configured.");
        if (!ids.Contains(defaultId, StringComparer.Ordinal))
        {
            throw Invalid("Default", $"names store '{defaultId}', which is not configured.");
        }
        return new BlobStores(new ImageStoreCatalog(stores, defaultId, multistore: true), locations,
            primary.GetBlobContainerClient(StorageOptions.UploadsContainer));
    }

    private static BlobStoreLocation Locate(string id, BlobStoreOptions options, BlobServiceClient primary, Func<TokenCredential?> credential)
    {
        if (!StoreId().IsMatch(id) || id.StartsWith(ImageStoreCatalog.ReservedPrefix, StringComparison.Ordinal))
        {
            throw Invalid(id, "is not a store id: letters, digits, '-' and '_', at most 255, not starting with os_glance_.");
        }
        if (!ContainerName().IsMatch(options.Container) || options.Container.Contains("--", StringComparison.Ordinal))
        {
            throw Invalid($"{id}:Container", "must be 3 to 63 lower-case letters, digits and single hyphens.");
        }
        if (options.Container == StorageOptions.UploadsContainer)
        {
            throw Invalid($"{id}:Container", $"must not be the upload area ('{StorageOptions.UploadsContainer}').");
        }
        var tier = options.AccessTier switch
        {
            "Hot" => AccessTier.Hot,
            "Cool" => AccessTier.Cool,
            "Cold" => AccessTier.Cold,
            _ => throw Invalid($"{id}:AccessTier", "must be Hot, Cool or Cold (archived bytes cannot be read)."),
        };
        BlobServiceClient service;
        if (string.IsNullOrEmpty(options.BlobServiceUri))
        {
            service = primary;
        }
        else if (!Uri.TryCreate(options.BlobServiceUri, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw Invalid($"{id}:BlobServiceUri", "must be an absolute http(s) URL.");
        }
        else
        {
            service = new BlobServiceClient(uri, credential()
                ?? throw Invalid($"{id}:BlobServiceUri", $"needs the identity-based {StorageOptions.ConnectionName} connection (its credential reaches the other account)."));
        }
        return new BlobStoreLocation(id, service, service.GetBlobContainerClient(options.Container), tier);
    }

    private static InvalidOperationException Invalid(string setting, string problem) =>
        new($"{SectionName}:{setting} {problem}");

    [GeneratedRegex("^[A-Za-z0-9_-]{1,255}$")]
    private static partial Regex StoreId();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$")]
    private static partial Regex ContainerName();
}
