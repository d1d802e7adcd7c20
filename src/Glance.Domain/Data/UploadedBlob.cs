namespace Glance.Domain.Data;

/// <summary>
/// A frozen copy of what a client put in the upload area, as storage describes it, read before a byte of it is:
/// its kind (only a block blob is image data; a sparse page blob would make validation read zeros up to the cap)
/// and its length.
/// </summary>
/// <param name="Snapshot">Names the frozen copy, which no upload URL can change.</param>
public sealed record UploadedBlob(string Snapshot, bool IsBlockBlob, long Length);
