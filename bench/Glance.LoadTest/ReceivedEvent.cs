namespace Glance.LoadTest;

/// <summary>One notification as the webhook received it: its CloudEvents id (redeliveries keep it), type and image.</summary>
internal sealed record ReceivedEvent(string Id, string Type, string ImageId);
