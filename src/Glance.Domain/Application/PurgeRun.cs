namespace Glance.Domain.Application;

/// <summary>What one run of <see cref="RetainedImagePurge"/> did: images whose bytes it deleted, and those it must try again.</summary>
public sealed record PurgeRun(int Purged, IReadOnlyList<(string ImageId, Exception Error)> Failures);
