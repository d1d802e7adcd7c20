namespace Glance.Domain.Importing;

/// <summary>
/// POST /v2/images/{id}/import: the method to run, for web-download the absolute URI to fetch, and where the bytes go
/// (Glance's multistore: <c>stores</c>, <c>all_stores</c>, <c>all_stores_must_succeed</c>, or the
/// <c>X-Image-Meta-Store</c> header).
/// </summary>
public sealed record ImportRequest(string Method, Uri? Uri)
{
    public const string GlanceDirect = "glance-direct";
    public const string WebDownload = "web-download";
    public const string CopyImage = "copy-image";

    /// <summary>The body's <c>stores</c>; null when it has none.</summary>
    public IReadOnlyList<string>? Stores { get; init; }

    public bool AllStores { get; init; }

    public bool AllStoresMustSucceed { get; init; } = true;

    /// <summary>What the client declared of the bytes (web-download's <c>validation_data</c>); the import enforces it.</summary>
    public Data.UploadExpectations Declared { get; init; } = Data.UploadExpectations.None;

    /// <summary>The <c>X-Image-Meta-Store</c> header, when sent.</summary>
    public string? StoreHeader { get; init; }
}
