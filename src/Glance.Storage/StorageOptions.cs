using System.ComponentModel.DataAnnotations;

namespace Glance.Storage;

/// <summary>Names of the tables and containers the service uses. Section <c>Glance:Storage</c>; checked at start.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Glance:Storage";

    /// <summary>The configuration name of the storage connection (a connection string or a section with service URIs).</summary>
    public const string ConnectionName = "GlanceStorage";

    /// <summary>Azure's rule for table names: 3 to 63 letters and digits, a letter first.</summary>
    private const string TableName = "^[A-Za-z][A-Za-z0-9]{2,62}$";

    [RegularExpression(TableName, ErrorMessage = "Glance:Storage:ImagesTable must be 3 to 63 letters and digits, starting with a letter.")]
    public string ImagesTable { get; set; } = "images";

    [RegularExpression(TableName, ErrorMessage = "Glance:Storage:ImageIndexTable must be 3 to 63 letters and digits, starting with a letter.")]
    public string ImageIndexTable { get; set; } = "imageindex";

    [RegularExpression(TableName, ErrorMessage = "Glance:Storage:ImageTasksTable must be 3 to 63 letters and digits, starting with a letter.")]
    public string ImageTasksTable { get; set; } = "imagetasks";

    [RegularExpression(TableName, ErrorMessage = "Glance:Storage:IdempotencyTable must be 3 to 63 letters and digits, starting with a letter.")]
    public string IdempotencyTable { get; set; } = "idempotencykeys";

    [RegularExpression(TableName, ErrorMessage = "Glance:Storage:MetadefsTable must be 3 to 63 letters and digits, starting with a letter.")]
    public string MetadefsTable { get; set; } = "metadefs";

    /// <summary>
    /// The container of served image bytes, one blob per image, named by image id. Only the service writes here; the
    /// only URLs into it are read-only download URLs.
    /// </summary>
    public const string ImagesContainer = "images";

    /// <summary>
    /// Where upload URLs point, one blob per image, named by image id: whatever a URL holder does here (overwrite,
    /// break a lease, set a tier, headers or metadata, a page blob) never reaches served bytes, which validation
    /// copies out of a snapshot. A constant: the blob trigger's path names it in an attribute, and the Event Grid
    /// subscription filters on it.
    /// </summary>
    public const string UploadsContainer = "uploads";

    /// <summary>
    /// The queue of accepted imports (<c>{"imageId": ..., "taskId": ...}</c>, base64-encoded), read by the queue trigger
    /// RunImageImport and the local host. A constant: the trigger's attribute names it. The Functions host moves a
    /// message that failed too often to <c>image-imports-poison</c>.
    /// </summary>
    public const string ImportQueue = "image-imports";

    /// <summary>
    /// How long an image's listing copies may stay pending (a crash or a storage failure between a commit and the
    /// copies' update) before the sweeper brings them in line; a sync normally finishes before the request answers.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "10675199.02:48:05", ErrorMessage = "Glance:Storage:ListingSweepAfter must be positive.")]
    public TimeSpan ListingSweepAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How many images' last known state each instance keeps to decide the next change on without reading it first
    /// (a change made elsewhere meanwhile is caught by the compare-and-set, which then reads afresh); 0 turns it off.
    /// </summary>
    [Range(0, 10_000_000, ErrorMessage = "Glance:Storage:RecentPartitions must be between 0 and 10000000.")]
    public int RecentPartitions { get; set; } = 10_000;
}
