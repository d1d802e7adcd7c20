using Glance.Domain.Errors;
using Glance.Functions.Requests;

namespace Glance.Functions.Http;

/// <summary>
/// The HTTP side's error messages: routing, media types, headers, and the bodies the request parsers read, worded as
/// Glance's WSGI stack words them. The domain's are in <see cref="GlanceErrors"/>; <see cref="ErrorStatus"/> maps both
/// to statuses. Body errors are <see cref="GlanceException"/>s of the domain's kinds (a malformed body is as invalid
/// as a malformed value); what the domain has no kind for is an <see cref="HttpError"/>.
/// </summary>
public static class HttpErrors
{
    // Routing and verbs.

    /// <summary>webob's 405 (with its trailing space), the route's verbs in Allow.</summary>
    public static HttpError MethodNotAllowed(string method, string allow) =>
        new(HttpErrorKind.MethodNotAllowed, $"The method {method} is not allowed for this resource. ", new Dictionary<string, string> { ["Allow"] = allow });

    /// <summary>glance/common/wsgi.py Resource, for routes with body_reject.</summary>
    public static GlanceException BodyNotAllowed() => Invalid("A body is not expected with this request.");

    // Headers.

    public static HttpError RequestIdTooLong() => new(HttpErrorKind.RequestHeaderFieldsTooLarge, "Request ID is too long.");

    public static HttpError UnsupportedMediaType(string? mediaType) =>
        new(HttpErrorKind.UnsupportedMediaType, $"The request media type {mediaType} is not supported by this server.");

    /// <summary>A PATCH in neither JSON-patch media type: the 415 says which ones are, in Accept-Patch.</summary>
    public static HttpError UnsupportedPatchMediaType(string? mediaType) =>
        new(HttpErrorKind.UnsupportedMediaType, $"The request media type {mediaType} is not supported by this server.",
            new Dictionary<string, string> { ["Accept-Patch"] = PatchMediaTypes.AcceptPatch });

    public static HttpError RangeNotSatisfiable() => new(HttpErrorKind.RangeNotSatisfiable, "The Range requested is not available.");

    public static GlanceException MultipleRanges() =>
        Invalid("Requests with multiple ranges are not supported in Glance. You may make multiple single-range requests instead.");

    public static GlanceException InvalidImageSizeHeader(string header) => Invalid($"x-openstack-image-size must be a non-negative integer, not '{header}'.");

    // Bodies.

    public static GlanceException BodyExpected() => Invalid("Body expected in request.");

    public static GlanceException MalformedJson() => Invalid("Malformed JSON in request body.");

    public static GlanceException JsonBodyTooLarge(int maxBytes) => LimitExceeded($"The request body is larger than {maxBytes} bytes.");

    /// <summary>An image body the host would not pass on (it answers those with an empty 500), and where larger images go.</summary>
    public static GlanceException ImageBodyTooLarge(long length, long limit) =>
        LimitExceeded($"The request body of {length} bytes is larger than this service accepts ({limit} bytes). "
            + "Upload larger images through an upload URL (POST /v2/images/{image_id}/upload-url).");

    /// <summary>The host refused to read the body: too large for it, or not readable.</summary>
    public static GlanceException BodyTooLargeForHost() => LimitExceeded("The request body is too large.");

    public static GlanceException BodyUnreadable() => Invalid("The request body could not be read.");

    public static GlanceException ClientClosedRequest() => Invalid("The client closed the request.");

    public static GlanceException UnexpectedBodyType() => Invalid("Unexpected body type. Expected list/dict.");

    public static GlanceException StatusNotSpecified() => Invalid("Status not specified");

    // JSON-patch documents (glance/api/v2/images.py RequestDeserializer.update, glance/common/jsonpatch).

    public static GlanceException PatchNotAnArray() => Invalid("Request body must be a JSON array of operation objects.");

    public static GlanceException PatchOperationNotAnObject() => Invalid("Operations must be JSON objects.");

    public static GlanceException PatchOpMissing(string available) =>
        Invalid($"Unable to find `op` in JSON Schema change. It must be one of the following: {available}.");

    public static GlanceException PatchOpInvalid(string op, string available) =>
        Invalid($"Invalid operation: `{op}`. It must be one of the following: {available}.");

    /// <summary>The 2.0 dialect names the operation by its member: exactly one of add, remove, replace.</summary>
    public static GlanceException PatchOpMembers(bool noneFound) =>
        Invalid($"Operation objects must contain {(noneFound ? "exactly" : "only")} one member named \"add\", \"remove\", or \"replace\".");

    public static GlanceException PatchPathMissing() => Invalid("Unable to find 'path' in JSON Schema change");

    public static GlanceException PatchValueMissing(string op) => Invalid($"Operation \"{op}\" requires a member named \"value\".");

    public static GlanceException PointerNotRooted(string pointer) => Invalid($"Pointer `{pointer}` does not start with \"/\".");

    public static GlanceException PointerAdjacentSlashes(string pointer) => Invalid($"Pointer `{pointer}` contains adjacent \"/\".");

    /// <summary>Glance's words, grammar included.</summary>
    public static GlanceException PointerEndsWithSlash(string pointer) => Invalid($"Pointer `{pointer}` end with \"/\".");

    public static GlanceException PointerBadEscape(string pointer) => Invalid($"Pointer `{pointer}` contains \"~\" not part of a recognized escape sequence.");

    public static GlanceException PointerNotAProperty(string path) => Invalid($"Invalid JSON pointer for this resource: '{path}'");

    // Import and upload-url bodies.

    public static GlanceException ImportMethodMissing() => Invalid("Import request requires a 'method' field.");

    public static GlanceException ImportMethodNameMissing() => Invalid("Import request requires a 'name' field.");

    public static GlanceException ImportFlagNotBoolean(string flag) => Invalid($"'{flag}' must be a boolean value.");

    public static GlanceException UnknownImportMethod(string name) => Invalid($"Unknown import method name '{name}'.");

    public static GlanceException WebDownloadUriMissing() => Invalid("The web-download import method requires an absolute 'uri'.");

    public static GlanceException UploadUrlBodyNotAnObject() => Invalid("The upload-url body must be a JSON object.");

    public static GlanceException UploadUrlSizeInvalid() => Invalid("'size' must be a non-negative integer.");

    public static GlanceException UploadUrlHashAlgorithmUnsupported(IEnumerable<string> supported) =>
        Invalid($"'os_hash_algo' must be one of: {string.Join(", ", supported)}.");

    public static GlanceException UploadUrlDigestInvalid(string field) => Invalid($"'{field}' must be a hexadecimal digest.");

    public static GlanceException UploadUrlFieldUnknown(string field) => Invalid($"Unknown upload-url field '{field}'.");

    // The service itself.

    public static HttpError InternalServerError() =>
        new(HttpErrorKind.InternalServerError, "The server has either erred or is incapable of performing the requested operation.");

    public static HttpError ServiceUnavailable() =>
        new(HttpErrorKind.ServiceUnavailable, "The server is currently unavailable. Please try again at a later time.");

    private static GlanceException Invalid(string message) => new(GlanceErrorKind.Invalid, message);
    private static GlanceException LimitExceeded(string message) => new(GlanceErrorKind.LimitExceeded, message);
}
