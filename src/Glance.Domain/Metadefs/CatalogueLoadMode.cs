namespace Glance.Domain.Metadefs;

/// <summary>What loading a catalogue does to a namespace that already exists: glance-manage db_load_metadefs's choices.</summary>
public enum CatalogueLoadMode
{
    /// <summary>Leave it as it is (the default: loading twice changes nothing).</summary>
    Skip,

    /// <summary>--merge: add the contents it lacks, keep what it has.</summary>
    Merge,

    /// <summary>--merge --prefer_new: add what it lacks and replace what both have with the file's.</summary>
    MergePreferNew,

    /// <summary>--merge --overwrite: delete it with everything in it, then load the file's.</summary>
    MergeOverwrite,
}
