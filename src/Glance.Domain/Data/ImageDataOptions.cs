using System.ComponentModel.DataAnnotations;
using Glance.Domain.Importing;

namespace Glance.Domain.Data;

/// <summary>How image bytes are checked and reached. Section <c>Glance:Data</c>; checked at start.</summary>
public sealed class ImageDataOptions : IValidatableObject
{
    public const string SectionName = "Glance:Data";

    private const string Positive = "00:00:00.001";
    private const string MaxUrlLifetime = "7.00:00:00";
    private const string Longest = "10675199.02:48:05";

    /// <summary>Largest image accepted, in bytes (Glance's image_size_cap, default 1 TiB).</summary>
    [Range(1, long.MaxValue, ErrorMessage = "Glance:Data:ImageSizeCap must be at least 1.")]
    public long ImageSizeCap { get; set; } = 1L << 40;

    /// <summary>The multihash algorithm (Glance's hashing_algorithm): sha512, sha384, sha256, sha1, md5, sha3_256, sha3_384, sha3_512.</summary>
    public string HashingAlgorithm { get; set; } = "sha512";

    /// <summary>Reject content whose detected format differs from disk_format (Glance's require_image_format_match).</summary>
    public bool RequireImageFormatMatch { get; set; } = true;

    /// <summary>Lifetime of an upload URL; at most 7 days, the longest a user delegation key (which signs it in Azure) lives.</summary>
    [Range(typeof(TimeSpan), Positive, MaxUrlLifetime, ErrorMessage = "Glance:Data:UploadUrlLifetime must be positive and at most 7.00:00:00.")]
    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Lifetime of a download URL; at most 7 days, as for upload URLs.</summary>
    [Range(typeof(TimeSpan), Positive, MaxUrlLifetime, ErrorMessage = "Glance:Data:DownloadUrlLifetime must be positive and at most 7.00:00:00.")]
    public TimeSpan DownloadUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long an upload, stage, validation or import may hold an image in saving, uploading (staging) or importing
    /// before the service takes it as interrupted (the process died) and returns the image to queued. Longer than
    /// host.json's functionTimeout (4 hours), after which the Functions host has stopped any such operation; Glance's
    /// import lock takeover waits 60 minutes, but it has a heartbeat, which a function's work does not.
    /// </summary>
    [Range(typeof(TimeSpan), Positive, Longest, ErrorMessage = "Glance:Data:StaleOperationAfter must be positive.")]
    public TimeSpan StaleOperationAfter { get; set; } = TimeSpan.FromHours(4.5);

    /// <summary>
    /// Import methods offered (Glance's enabled_import_methods): glance-direct, web-download, copy-image, or none. By
    /// default the first two, and copy-image too with two or more stores (Glance offers it by default whatever its
    /// stores, but a copy needs somewhere to go).
    /// </summary>
    public string[] EnabledImportMethods { get; set; } = [ImportRequest.GlanceDirect, ImportRequest.WebDownload];

    /// <summary>
    /// The stores image bytes go to (section <c>Glance:Stores</c>, read by the storage adapter, which sets this):
    /// without configured stores, the one original container and no multistore API.
    /// </summary>
    public Stores.ImageStoreCatalog Stores { get; set; } = Glance.Domain.Stores.ImageStoreCatalog.Single;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var m in EnabledImportMethods.Where(m => m is not (ImportRequest.GlanceDirect or ImportRequest.WebDownload or ImportRequest.CopyImage)))
        {
            yield return new ValidationResult(
                $"Glance:Data:EnabledImportMethods: '{m}' is not an import method of this service ({ImportRequest.GlanceDirect}, {ImportRequest.WebDownload}, {ImportRequest.CopyImage}).",
                [nameof(EnabledImportMethods)]);
        }
        if (EnabledImportMethods.Contains(ImportRequest.CopyImage) && Stores.Stores.Count < 2)
        {
            yield return new ValidationResult(
                $"Glance:Data:EnabledImportMethods: '{ImportRequest.CopyImage}' copies between stores and needs two or more (Glance:Stores).",
                [nameof(EnabledImportMethods)]);
        }
    }
}
