namespace Glance.Domain.Importing;

/// <summary>What a delivery of an import job did; all but <see cref="Ran"/> are redeliveries made harmless.</summary>
public enum ImportRunOutcome
{
    /// <summary>This delivery began the task and ran it to its end (activated, or failed with the reason in the task).</summary>
    Ran,

    /// <summary>The task is no longer there (expired) or has already succeeded or failed.</summary>
    Finished,

    /// <summary>The image is deleted, or no longer importing under this task (another task took its lock over).</summary>
    NotImporting,

    /// <summary>
    /// Another delivery began the task first: it runs it, or died running it, and then the stale-operation recovery
    /// takes the lock over once it is stale.
    /// </summary>
    AlreadyBegun,
}
