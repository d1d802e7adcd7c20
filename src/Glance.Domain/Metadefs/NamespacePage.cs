namespace Glance.Domain.Metadefs;

/// <summary>One page of namespaces (each with its associations); <see cref="Next"/> is the marker of the next page.</summary>
public sealed record NamespacePage(IReadOnlyList<NamespaceDetail> Namespaces, string? Next);
