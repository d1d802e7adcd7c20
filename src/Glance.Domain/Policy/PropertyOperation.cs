namespace Glance.Domain.Policy;

/// <summary>The four operations a property protection file names (its keys create, read, update, delete).</summary>
public enum PropertyOperation
{
    Create,
    Read,
    Update,
    Delete,
}
