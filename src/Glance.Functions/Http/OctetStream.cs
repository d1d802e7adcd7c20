using Glance.Domain.Errors;
using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Http;

/// <summary>Image bytes must come as application/octet-stream, as Glance requires (415 otherwise).</summary>
public static class OctetStream
{
    public static void Ensure(HttpRequest request)
    {
        var mediaType = request.ContentType?.Split(';', 2)[0].Trim();
        if (!string.Equals(mediaType, "application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            throw GlanceException.UnsupportedMediaType($"The request media type {mediaType} is not supported by this server.");
        }
    }
}
