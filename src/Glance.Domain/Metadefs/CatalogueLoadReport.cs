namespace Glance.Domain.Metadefs;

/// <summary>What a load did: namespaces created, changed (merged or overwritten) and left as they were.</summary>
public sealed record CatalogueLoadReport(int Created, int Changed, int Skipped);
