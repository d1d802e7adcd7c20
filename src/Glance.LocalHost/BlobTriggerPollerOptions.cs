namespace Glance.LocalHost;

/// <summary>How often the local host looks for new blobs. Section <c>Glance:LocalHost:BlobPolling</c>.</summary>
public sealed class BlobTriggerPollerOptions
{
    public const string SectionName = "Glance:LocalHost:BlobPolling";

    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(500);
}
