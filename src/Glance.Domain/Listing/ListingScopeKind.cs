namespace Glance.Domain.Listing;

public enum ListingScopeKind
{
    All,
    Owner,
    Public,
    Community,
    Member,
}
