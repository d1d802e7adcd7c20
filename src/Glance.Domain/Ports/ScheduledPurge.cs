namespace Glance.Domain.Ports;

/// <summary>An entry of the <see cref="IPurgeSchedule"/>: the image whose retention window ends at <see cref="Due"/>.</summary>
public sealed record ScheduledPurge(string ImageId, DateTimeOffset Due);
