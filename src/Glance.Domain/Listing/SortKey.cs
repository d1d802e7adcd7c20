namespace Glance.Domain.Listing;

public sealed record SortKey(string Key, bool Descending);
