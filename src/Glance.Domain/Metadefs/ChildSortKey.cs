namespace Glance.Domain.Metadefs;

/// <summary>The columns a list of tags or objects may be sorted by.</summary>
public enum ChildSortKey
{
    CreatedAt,
    UpdatedAt,
    Name,
}
