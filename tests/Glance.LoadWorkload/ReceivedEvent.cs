namespace Glance.LoadWorkload;

/// <summary>One notification as the webhook received it: its CloudEvents id (redeliveries keep it), type and image.</summary>
public sealed record ReceivedEvent(string Id, string Type, string ImageId);
