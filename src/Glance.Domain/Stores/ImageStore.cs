namespace Glance.Domain.Stores;

/// <summary>
/// One place image bytes can be kept (a Glance backend of <c>enabled_backends</c>), as <c>/v2/info/stores</c> shows it:
/// its id, an optional description, and for <c>/v2/info/stores/detail</c> its driver type, its weight and the
/// properties the driver reports.
/// </summary>
public sealed record ImageStore(string Id, string? Description, string Type, int Weight, IReadOnlyList<KeyValuePair<string, string>> Properties);
