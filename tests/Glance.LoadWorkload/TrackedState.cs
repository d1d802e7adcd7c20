namespace Glance.LoadWorkload;

/// <summary>What a client expects an image to be after everything it did to it succeeded.</summary>
internal enum TrackedState
{
    Queued,

    /// <summary>Bytes written through an upload URL; the blob trigger has yet to validate and activate them.</summary>
    Uploading,

    Active,
    Deleted,
}
