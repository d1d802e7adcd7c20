namespace Glance.LoadWorkload;

/// <summary>What one load run does: how many clients, for how long, with how many live images and bytes each.</summary>
public sealed record LoadSettings(int Clients, TimeSpan Duration, int MaxImagesPerClient, int MaxImageBytes, int Seed)
{
    /// <summary>How long the audit waits for what the service finishes after the clients stop (validations, events).</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long the audit waits in all for notifications that keep arriving (a backlog draining).</summary>
    public TimeSpan DrainLimit { get; init; } = TimeSpan.FromMinutes(15);
}
