using Glance.Domain.Metadefs;

namespace Glance.Functions.Metadefs;

/// <summary>Loading Glance's metadef JSON files at start, as glance-manage db_load_metadefs would (docs/metadefs.md).</summary>
public sealed class MetadefCatalogueOptions
{
    public const string SectionName = "Glance:Metadefs";

    /// <summary>A folder of metadef JSON files (or one file) to load at start; none by default.</summary>
    public string? LoadPath { get; set; }

    /// <summary>What to do with namespaces that exist: Skip (so that every start after the first changes nothing), Merge, MergePreferNew, MergeOverwrite.</summary>
    public CatalogueLoadMode LoadMode { get; set; } = CatalogueLoadMode.Skip;
}
