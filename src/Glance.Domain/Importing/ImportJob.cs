namespace Glance.Domain.Importing;

/// <summary>An accepted import to run: the image and the task that holds its import lock.</summary>
public sealed record ImportJob(string ImageId, string TaskId);
