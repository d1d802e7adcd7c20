using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Http;

/// <summary>Image bytes must come as application/octet-stream, as Glance requires (415 otherwise).</summary>
public static class OctetStream
{
    public static void Ensure(HttpRequest request)
    {
        // Image bodies are bounded by image_size_cap as they stream, not by Kestrel's 30 MB default for any body.
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
        var mediaType = request.ContentType?.Split(';', 2)[0].Trim();
        if (!string.Equals(mediaType, "application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            throw HttpErrors.UnsupportedMediaType(mediaType);
        }
    }
}
