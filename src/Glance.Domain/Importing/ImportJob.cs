namespace Glance.Domain.Importing;

/// <summary>An accepted import to run: the image and the task that holds its import lock.</summary>
/// <param name="Source">
/// The web-download URI as the caller gave it. It travels only here: the task shows its input to whoever may read the
/// image's tasks, so the input keeps the URI without its query string, which often carries a credential.
/// </param>
public sealed record ImportJob(string ImageId, string TaskId, Uri? Source = null);
