namespace Glance.Domain.Listing;

/// <summary>A position in the default order (created_at desc, id desc).</summary>
public sealed record ImageCursor(DateTimeOffset CreatedAt, string ImageId);
