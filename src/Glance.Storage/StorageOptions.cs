namespace Glance.Storage;

/// <summary>Names of the tables and containers the service uses. Section <c>Glance:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Glance:Storage";

    /// <summary>The configuration name of the storage connection (a connection string or a section with service URIs).</summary>
    public const string ConnectionName = "GlanceStorage";

    public string ImagesTable { get; set; } = "images";

    public string ImageIndexTable { get; set; } = "imageindex";

    /// <summary>How old an index row without its image must be before listing removes it as debris of a crash.</summary>
    public TimeSpan OrphanIndexRowAge { get; set; } = TimeSpan.FromMinutes(5);
}
