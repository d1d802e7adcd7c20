using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Http;

/// <summary>
/// <c>X-Image-Meta-Store</c> (2.8): the store PUT /file, an upload URL or an import puts the bytes in. Sent empty, it
/// names the store "" (which is none), as Glance reads it; without multistore Glance ignores it, and so do we.
/// </summary>
public static class StoreHeader
{
    public const string Name = "X-Image-Meta-Store";

    public static string? Of(HttpRequest request) =>
        request.Headers.TryGetValue(Name, out var value) ? value.ToString() : null;
}
