namespace Glance.Domain.Stores;

/// <summary>
/// An image's copy in one store, as Glance's locations API names it by URL: the copy of image <paramref name="ImageId"/>
/// in store <paramref name="StoreId"/> (<see cref="ImageStoreCatalog.SingleStoreId"/> without multistore).
/// </summary>
public sealed record ImageLocation(string StoreId, string ImageId);
