using System.ComponentModel.DataAnnotations;

namespace Glance.Domain.Data;

/// <summary>How image bytes are checked. Section <c>Glance:Data</c>.</summary>
public sealed class ImageDataOptions
{
    public const string SectionName = "Glance:Data";

    /// <summary>Largest image accepted, in bytes (Glance's image_size_cap, default 1 TiB).</summary>
    [Range(1, long.MaxValue)]
    public long ImageSizeCap { get; set; } = 1L << 40;

    /// <summary>The multihash algorithm (Glance's hashing_algorithm): sha512, sha384, sha256, sha1, md5, sha3_256, sha3_384, sha3_512.</summary>
    public string HashingAlgorithm { get; set; } = "sha512";

    /// <summary>Reject content whose detected format differs from disk_format (Glance's require_image_format_match).</summary>
    public bool RequireImageFormatMatch { get; set; } = true;

    /// <summary>Lifetime of an upload URL.</summary>
    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Lifetime of a download URL.</summary>
    public TimeSpan DownloadUrlLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long an upload, stage, validation or import may hold an image in saving, uploading (staging) or importing
    /// before the service takes it as interrupted (the process died) and returns the image to queued. Longer than
    /// host.json's functionTimeout (4 hours), after which the Functions host has stopped any such operation; Glance's
    /// import lock takeover waits 60 minutes, but it has a heartbeat, which a function's work does not.
    /// </summary>
    public TimeSpan StaleOperationAfter { get; set; } = TimeSpan.FromHours(4.5);

    /// <summary>Import methods offered (Glance's enabled_import_methods).</summary>
    public string[] EnabledImportMethods { get; set; } = ["glance-direct", "web-download"];
}
