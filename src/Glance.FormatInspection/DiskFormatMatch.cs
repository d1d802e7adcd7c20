namespace Glance.FormatInspection;

/// <summary>
/// The verdict on an upload: whether to keep it, the virtual_size to record, and a reason fit for the
/// 415 response when it is refused. <see cref="Warnings"/> are what Glance would log for accepted images.
/// </summary>
public sealed record DiskFormatMatch(
    DiskFormatMatchOutcome Outcome,
    bool IsAccepted,
    long? VirtualSize,
    string Reason,
    IReadOnlyList<string> Warnings);
