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

    // The list query string (glance/api/v2/images.py RequestDeserializer.index and its filters).

    public static GlanceException LimitNotInteger() => Invalid("limit param must be an integer");

    public static GlanceException LimitNegative() => Invalid("limit param must be positive");

    public static GlanceException SortSyntaxesCombined() => Invalid("Old and new sorting syntax cannot be combined");

    public static GlanceException InvalidSortValue(string value) => Invalid($"Invalid sort value: {value}");

    public static GlanceException SortDirsMismatchKeys() => Invalid("Number of sort dirs does not match the number of sort keys");

    public static GlanceException InvalidSortKey(string key, IEnumerable<string> keys) =>
        Invalid($"Invalid sort key: {key}. It must be one of the following: {string.Join(", ", keys)}.");

    public static GlanceException InvalidSortDirection(string direction) => Invalid($"Invalid sort direction: {direction}");

    public static GlanceException InvalidVisibilityFilter(string value) => Invalid($"Invalid visibility value: {value}");

    public static GlanceException InvalidMemberStatusFilter(string value) => Invalid($"Invalid status: {value}");

    public static GlanceException ChangesSinceRemoved() => Invalid("The \"changes-since\" filter is no longer available on v2.");

    public static GlanceException InvalidFilter(string key) => Invalid($"Invalid filter: {key}");

    public static GlanceException UnknownFilterOperator(string op) => Invalid($"Unable to filter by unknown operator '{op}'.");

    /// <summary>Glance's words, grammar included.</summary>
    public static GlanceException UnknownTimeFilterOperator() => Invalid("Unable to filter on a unknown operator.");

    public static GlanceException TimeFilterNotIso8601(string key) => Invalid($"Bad \"{key}\" query filter format. Use ISO 8601 DateTime notation.");

    public static GlanceException BooleanFilterInvalid(string key, string value) =>
        Invalid($"Invalid value '{value}' for '{key}' filter. Valid values are 'true' or 'false'.");

    public static GlanceException RangeFilterNotNumeric() => Invalid("Unable to filter on a range with a non-numeric value.");

    public static GlanceException FilterQuoteNotClosed(string value) => Invalid($"Invalid filter value {value}. The quote is not closed.");

    public static GlanceException FilterNoCommaBeforeQuote(string value) =>
        Invalid($"Invalid filter value {value}. There is no comma before opening quotation mark.");

    public static GlanceException FilterNoCommaAfterQuote(string value) =>
        Invalid($"Invalid filter value {value}. There is no comma after closing quotation mark.");

    // Import and upload-url bodies.

    public static GlanceException ImportMethodMissing() => Invalid("Import request requires a 'method' field.");

    public static GlanceException ImportMethodNameMissing() => Invalid("Import request requires a 'name' field.");

    public static GlanceException ImportFlagNotBoolean(string flag) => Invalid($"'{flag}' must be boolean value only");

    public static GlanceException ImportStoresNotAList() => Invalid("'stores' must be a list of store identifiers.");

    public static GlanceException UnknownImportMethod(string name) => Invalid($"Unknown import method name '{name}'.");

    public static GlanceException WebDownloadUriMissing() => Invalid("The web-download import method requires an absolute 'uri'.");

    public static GlanceException UploadUrlBodyNotAnObject() => Invalid("The upload-url body must be a JSON object.");

    public static GlanceException UploadUrlSizeInvalid() => Invalid("'size' must be a non-negative integer.");

    public static GlanceException DeclaredHashAlgorithmUnsupported(string field, IEnumerable<string> supported) =>
        Invalid($"'{field}' must be one of: {string.Join(", ", supported)}.");

    public static GlanceException DeclaredDigestInvalid(string field) => Invalid($"'{field}' must be a hexadecimal digest.");

    public static GlanceException UploadUrlFieldUnknown(string field) => Invalid($"Unknown upload-url field '{field}'.");

    public static GlanceException ValidationDataNotAnObject() => Invalid("'validation_data' must be a JSON object.");

    public static GlanceException ValidationDataFieldUnknown(string field) => Invalid($"Unknown validation_data field '{field}'.");

    // POST /v2/images/{id}/locations (Glance 2.17), worded as its schema 'location' refuses.

    public static GlanceException LocationBodyNotAnObject() => LocationSchema("the body is not of type 'object'");

    public static GlanceException LocationUrlRequired() => LocationSchema("'url' is a required property");

    public static GlanceException LocationUrlNotAString() => LocationSchema("'url' is not of type 'string'");

    public static GlanceException LocationUrlTooLong(int maximum) => LocationSchema($"'url' is longer than {maximum} characters");

    public static GlanceException LocationFieldUnknown(string field) => LocationSchema($"Additional properties are not allowed ('{field}' was unexpected)");

    public static GlanceException ValidationDataFieldRequired(string field) => LocationSchema($"'{field}' is a required property of 'validation_data'");

    private static GlanceException LocationSchema(string detail) => Invalid($"Provided object does not match schema 'location': {detail}");

    // The tasks API's query and body, worded as glance/api/v2/tasks.py words them.

    public static GlanceException TaskStatusFilterInvalid(string status) => Invalid($"Invalid status value: {status}");

    public static GlanceException TaskTypeFilterInvalid(string type) => Invalid($"Invalid type value: {type}");

    public static GlanceException TaskMarkerFormatInvalid() => Invalid("Invalid marker format");

    public static GlanceException TaskSortKeyInvalid() => Invalid("Sort key supplied was not valid.");

    public static GlanceException TaskFieldRequired(string field) => Invalid($"Task '{field}' is required");

    public static GlanceException TaskBodyNotAnObject() => Invalid("Provided object does not match schema 'task': the body must be a JSON object");

    public static GlanceException TaskTypeInvalid(string type) =>
        Invalid($"Provided object does not match schema 'task': '{type}' is not one of ['import', 'api_image_import']");

    public static GlanceException TaskInputNotAnObject() => Invalid("Provided object does not match schema 'task': 'input' is not of type 'null', 'object'");

    /// <summary>DELETE /v2/tasks/{id}: Glance's own 405, which allows GET only.</summary>
    public static HttpError TaskDeleteNotAllowed() =>
        new(HttpErrorKind.MethodNotAllowed,
            "This operation is currently not permitted on Glance Tasks. They are auto deleted after reaching the time based on their expires_at property.",
            new Dictionary<string, string> { ["Allow"] = RouteVerbs.Get });

    // Idempotency-Key.

    public static GlanceException IdempotencyKeyInvalid(int maxLength) =>
        Invalid($"Idempotency-Key must be one value of 1 to {maxLength} visible ASCII characters.");

    public static GlanceException IdempotencyKeyInProgress() =>
        new(GlanceErrorKind.Conflict, "A request with this Idempotency-Key is still running; send it again once it has answered.");

    public static HttpError IdempotencyKeyReused() =>
        new(HttpErrorKind.UnprocessableEntity, "This Idempotency-Key was used for another request: use a new key for a new request.");

    // The service itself.

    public static HttpError InternalServerError() =>
        new(HttpErrorKind.InternalServerError, "The server has either erred or is incapable of performing the requested operation.");

    public static HttpError ServiceUnavailable() =>
        new(HttpErrorKind.ServiceUnavailable, "The server is currently unavailable. Please try again at a later time.");

    private static GlanceException Invalid(string message) => new(GlanceErrorKind.Invalid, message);
    private static GlanceException LimitExceeded(string message) => new(GlanceErrorKind.LimitExceeded, message);
}
