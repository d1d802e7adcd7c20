using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Glance.Functions.Http;

/// <summary>Reads JSON request bodies with a size cap and a nesting cap; malformed JSON is Glance's 400.</summary>
public static class RequestBodies
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public static async Task<JsonDocument> ReadJsonAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var body = await ReadCappedAsync(request, maxBytes, cancellationToken);
        if (body.Length == 0)
        {
            throw HttpErrors.BodyExpected();
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException)
        {
            throw HttpErrors.MalformedJson();
        }
        try
        {
            EnsureReadableText(document.RootElement);
        }
        catch (InvalidOperationException)
        {
            document.Dispose();
            throw HttpErrors.MalformedJson();
        }
        return document;
    }

    /// <summary>The whole body, refused with 413 as soon as it is known to be larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadCappedAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw HttpErrors.JsonBodyTooLarge(maxBytes);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw HttpErrors.JsonBodyTooLarge(maxBytes);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// System.Text.Json parses a lone surrogate escape (<c>"\ud800"</c>) or invalid UTF-8 inside a string without
    /// complaint and throws only when the string is read, deep inside a use case, which became a 500. Reading
    /// every name and string once here turns them into the malformed-JSON 400 (Glance answers 400 for invalid
    /// UTF-8, and 500 for lone surrogates, which it cannot store either).
    /// </summary>
    private static void EnsureReadableText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    EnsureReadableText(property.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    EnsureReadableText(item);
                }
                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }

    /// <summary>True when the request carries a body (Glance answers 400 on routes that take none).</summary>
    public static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
}
