using Glance.Domain.Images;

namespace Glance.Domain.Application;

/// <summary>
/// POST /v2/images: the attributes the client set, in the order it sent them (extra properties keep that order, and
/// the first key Glance refuses is the one reported). A name sent twice appears twice.
/// </summary>
public sealed record CreateImage(IReadOnlyList<KeyValuePair<string, AttributeValue>> Attributes);
