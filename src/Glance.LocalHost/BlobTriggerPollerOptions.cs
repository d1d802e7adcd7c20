using System.ComponentModel.DataAnnotations;

namespace Glance.LocalHost;

/// <summary>How often the local host looks for new blobs. Section <c>Glance:LocalHost:BlobPolling</c>.</summary>
public sealed class BlobTriggerPollerOptions
{
    public const string SectionName = "Glance:LocalHost:BlobPolling";

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Glance:LocalHost:BlobPolling:Interval must be between 00:00:00.010 and 01:00:00.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(500);
}
