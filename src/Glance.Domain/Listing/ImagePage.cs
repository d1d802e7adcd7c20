using Glance.Domain.Images;

namespace Glance.Domain.Listing;

/// <summary>One page of a list; <see cref="HasMore"/> is Glance's "the page was full" signal for a next link.</summary>
public sealed record ImagePage(IReadOnlyList<Image> Images, bool HasMore);
