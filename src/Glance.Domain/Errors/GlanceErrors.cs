using Glance.Domain.Images;

namespace Glance.Domain.Errors;

/// <summary>
/// Every error the image service reports, each named for its situation and worded as Glance words it (or, where
/// Glance has no such error, as we word ours). Glance's clients and tests match on these texts, so one place keeps
/// them from drifting apart. The HTTP side's own messages (media types, routing, bodies) are in
/// <c>Glance.Functions.Http.HttpErrors</c>; it maps each <see cref="GlanceErrorKind"/> to a status.
/// </summary>
public static partial class GlanceErrors
{
    // Finding images: a caller who may not see an image is told it does not exist.

    public static GlanceException ImageNotFound(string imageId) => NotFound($"No image found with ID {imageId}");

    /// <summary>Glance's (webob's) generic 404, for what a caller may not see and for paths nothing serves.</summary>
    public static GlanceException ResourceNotFound() => NotFound("The resource could not be found.");

    public static GlanceException ImageToDeleteNotFound(string imageId) => NotFound($"Failed to find image {imageId} to delete");

    /// <summary>A list marker naming no visible image: a 400, with the lookup's words.</summary>
    public static GlanceException MarkerNotFound(string marker) => Invalid($"No image found with ID {marker}");

    // Rules and ownership.

    public static GlanceException LifecyclePropertyInvalid(string key, string expected) => Invalid($"Property {key} must be {expected}.");

    public static GlanceException ImageObsolete(string imageId, DateTimeOffset since, string? replacement) => NotAllowed(
        $"Image {imageId} is obsolete since {since.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}" + (replacement is null ? "." : $": use image {replacement} instead."));

    public static GlanceException NoLatestInFamily(string family) =>
        NotFound($"No active image of family '{family}' that is not deprecated is visible to you.");

    public static GlanceException TaskNotFound(string taskId) => NotFound($"Could not find task {taskId}");

    public static GlanceException TaskMarkerNotFound(string marker) => Invalid($"Task with the given id {marker} was not found");

    /// <summary>POST /v2/tasks of Glance's deprecated import task: its work is done by the image import API here.</summary>
    public static GlanceException LegacyImportTaskNotSupported() =>
        Invalid("Legacy import tasks are not supported: create the image, then import its data with POST /v2/images/{image_id}/import (web-download).");

    public static GlanceException ActionNotAuthorized(string rule) => NotAllowed($"You are not authorized to complete {rule} action.");

    public static GlanceException NotImageOwner() => NotAllowed("You do not own this image");

    /// <summary>Glance raises this one as webob's detail (HTTPForbidden(msg)), after its generic explanation.</summary>
    public static GlanceException CannotCreateForOwner(string? owner) =>
        GlanceException.Detail(GlanceErrorKind.NotAllowed, $"You are not permitted to create images owned by '{owner}'");

    public static GlanceException OwnerChangeNeedsAdmin() => GlanceException.Detail(GlanceErrorKind.NotAllowed, "Owner can't be updated by non admin.");

    public static GlanceException ImageProtected(string imageId) => NotAllowed($"Image {imageId} is protected and cannot be deleted.");

    public static GlanceException ImageIdTaken(string imageId) => Conflict($"Image ID {imageId} already exists!");

    // Attributes and properties (Glance's image schema and property rules).

    public static GlanceException AttributeReadOnly(string key) => NotAllowed($"Attribute '{key}' is read-only.");

    /// <summary>Glance's create path reports a reserved attribute as a detail, its PATCH path (and property protections) as the explanation.</summary>
    public static GlanceException AttributeReserved(string key, bool creating = false)
    {
        var message = $"Attribute '{key}' is reserved.";
        return creating ? GlanceException.Detail(GlanceErrorKind.NotAllowed, message) : NotAllowed(message);
    }

    public static GlanceException FormatChangeNeedsQueuedImage(string key) => NotAllowed($"Attribute {key} can be only replaced for a queued image.");

    public static GlanceException PropertyNameTooLong() => Invalid("Custom property should not be greater than 255 characters.");

    public static GlanceException PropertyNameWithFourByteCharacters() => Invalid("Property names can't contain 4 byte unicode.");

    /// <summary>For tags (Glance's no_4byte_params names them "Param values").</summary>
    public static GlanceException ParamValueWithFourByteCharacters() => Invalid("Param values can't contain 4 byte unicode.");

    /// <summary><paramref name="titledKey"/> is the property name as Python's str.title() writes it ("Os_Distro").</summary>
    public static GlanceException ValueWithFourByteCharacters(string titledKey) => Invalid($"{titledKey} can't contain 4 byte unicode characters.");

    public static GlanceException NegativeValue(string key, long value) => Invalid($"Invalid value '{value}' for parameter '{key}': Cannot be a negative value");

    public static GlanceException PropertyAlreadyPresent(string key) => GlanceException.Detail(GlanceErrorKind.Conflict, $"Property {key} already present.");

    public static GlanceException PropertyDoesNotExist(string key) => GlanceException.Detail(GlanceErrorKind.Conflict, $"Property {key} does not exist.");

    public static GlanceException PropertyNotRemovable(string key) => GlanceException.Detail(GlanceErrorKind.NotAllowed, $"Property {key} may not be removed.");

    // The image schema's refusals (jsonschema's words after Glance's prefix); values appear as Python shows them.

    public static GlanceException SchemaNotObject() => SchemaMismatch("the body is not of type 'object'");

    public static GlanceException SchemaNotOfType(string shown, string types) => SchemaMismatch($"{shown} is not of type {types}");

    public static GlanceException SchemaTooLong(string text) => SchemaMismatch($"'{text}' is too long");

    public static GlanceException SchemaNotOneOf(string shown, string allowed) => SchemaMismatch($"{shown} is not one of [{allowed}]");

    public static GlanceException SchemaAboveMaximum(long value, long maximum) => SchemaMismatch($"{value} is greater than the maximum of {maximum}");

    public static GlanceException SchemaPatternMismatch(string shown, string pattern) => SchemaMismatch($"{shown} does not match '{pattern}'");

    public static GlanceException SchemaEmptyPropertyName() => SchemaMismatch("Property names must not be empty");

    // Limits.

    public static GlanceException PropertyQuotaExceeded(int attempted, int maximum) =>
        LimitExceeded($"The limit has been exceeded on the number of allowed image properties. Attempted: {attempted}, Maximum: {maximum}");

    public static GlanceException TagQuotaExceeded(int attempted, int maximum) =>
        LimitExceeded($"The limit has been exceeded on the number of allowed image tags. Attempted: {attempted}, Maximum: {maximum}");

    public static GlanceException MemberQuotaExceeded(int attempted, int maximum) =>
        LimitExceeded($"The limit has been exceeded on the number of allowed image members for this image. Attempted: {attempted}, Maximum: {maximum}");

    /// <summary>Glance's LimitExceeded around oslo.limit's ProjectOverLimit, word for word (the 413 and its body folded in).</summary>
    public static GlanceException ProjectOverLimit(string? project, string resource, long limit, long used, long delta) =>
        LimitExceeded(
            "The request returned a 413 Request Entity Too Large. This generally means that rate limiting or a quota threshold was breached." +
            $"\n\nThe response body:\nProject {project ?? "None"} is over a limit for [Resource {resource} is over limit of {limit} due to current usage {used} and delta {delta}]");

    public static GlanceException ImageSizeCapExceeded(long cap) => LimitExceeded($"Image exceeds the storage quota: the image size cap is {cap} bytes.");

    public static GlanceException PropertiesTooLargeToStore() => LimitExceeded("The image's properties and tags are too large to store.");

    // Status.

    /// <summary>Glance's InvalidImageStatusTransition: a conflict, except where Glance maps it to 400 (deleting).</summary>
    public static GlanceException StatusTransitionNotAllowed(ImageStatus from, ImageStatus to, GlanceErrorKind kind = GlanceErrorKind.Conflict) =>
        new(kind, $"Image status transition from {from.ToWire()} to {to.ToWire()} is not allowed");

    public static GlanceException DeactivateNotAllowed(ImageStatus status) => NotAllowed($"Not allowed to deactivate image in status '{status.ToWire()}'");

    public static GlanceException ReactivateNotAllowed(ImageStatus status) => NotAllowed($"Not allowed to reactivate image in status '{status.ToWire()}'");

    /// <summary>Ours: restore brings back deleted images only.</summary>
    public static GlanceException ImageNotDeleted(string imageId) => Conflict($"Image {imageId} is not deleted; only a deleted image can be restored.");

    public static GlanceException ImageDeactivated() => NotAllowed("The requested image has been deactivated. Image data download is forbidden.");

    // Races: a compare-and-set lost too often, or an image changed under a long operation.

    public static GlanceException ImageUpdateLostRace(string imageId) => Conflict($"Image {imageId} was changed by another request; retry the update.");

    public static GlanceException ImageDeleteLostRace(string imageId) => Conflict($"Image {imageId} was changed by another request; retry the delete.");

    public static GlanceException ImageRestoreLostRace(string imageId) => Conflict($"Image {imageId} was changed by another request; retry the restore.");

    public static GlanceException ImageKeptChanging(string imageId) => Conflict($"Image {imageId} was changed by other requests throughout the update; retry.");

    public static GlanceException ImageChangedWhileStaging(string imageId) => Conflict($"Image {imageId} changed while its data was being staged.");

    public static GlanceException ImageDeletedDuringUpload(string imageId) => new(GlanceErrorKind.Gone, $"Image {imageId} was deleted during the upload.");

    public static GlanceException ImageNoLongerStuck(string imageId) => Conflict($"Image {imageId} is no longer stuck.");

    public static GlanceException ImageNoLongerImportingUnder(string imageId, string taskId) =>
        Conflict($"Image {imageId} is no longer importing under task {taskId}.");

    public static GlanceException UploadBeingValidated() => Conflict("Another delivery is validating this upload.");

    public static GlanceException DataBeingWritten(string imageId) => Conflict($"Image {imageId} already has data being written.");

    // Image data.

    public static GlanceException PropertiesRequiredForData(IEnumerable<string> missing) =>
        Invalid($"Properties {string.Join(", ", missing)} must be set prior to saving data.");

    public static GlanceException NoDataToDownload(string imageId) => Conflict($"Image {imageId} has no data to download.");

    public static GlanceException SizeMismatch(long actual, long declared) => Invalid($"Image size {actual} does not match the declared size {declared}.");

    public static GlanceException SizeMismatchesHeader(long actual, long declared) =>
        Invalid($"Image size {actual} does not match x-openstack-image-size {declared}.");

    public static GlanceException ChecksumMismatch() => Invalid("Image checksum verification failed: the data's md5 does not match the declared checksum.");

    public static GlanceException HashAlgorithmMismatch(string declared, string service) =>
        Invalid($"os_hash_algo {declared} is not the service's hashing algorithm {service}.");

    public static GlanceException HashValueLengthWrong(string algorithm, int digits) =>
        Invalid($"os_hash_value must be {digits} hexadecimal digits for {algorithm}, the service's hashing algorithm.");

    public static GlanceException HashMismatch(string algorithm) =>
        Invalid($"Image {algorithm} verification failed: the data does not match the declared os_hash_value.");

    public static GlanceException UploadNotBlockBlob() => Invalid("The uploaded data must be a block blob (Put Blob, or Put Block and Put Block List).");

    /// <summary>The format inspector's verdict (<paramref name="reason"/>) on bytes that are not what the image declares.</summary>
    public static GlanceException ContentNotAcceptable(string reason) => new(GlanceErrorKind.UnacceptableContent, $"Image content is not acceptable: {reason}");

    public static GlanceException RawDiskWithFormattedContent(string format) => ContentNotAcceptable($"disk_format is raw but the content is {format}.");

    // Import.

    public static GlanceException ImportInProgress() => Conflict("Image has an import in progress: a prior operation is still in progress.");

    public static GlanceException ImageNotStaged() => Conflict("Image needs to be staged before 'glance-direct' method can be used");

    public static GlanceException WebDownloadNeedsQueuedImage(string imageId) => Conflict($"Image {imageId} is not in a valid state for web-download: it must be queued.");

    public static GlanceException GlanceDirectNotEnabled() => NotFound("The glance-direct import method is not enabled.");

    public static GlanceException WebDownloadWithoutUri() => Invalid("The web-download import names no URI.");

    public static GlanceException WebDownloadUriRefused(string uri) => Invalid($"URI for web-download does not pass filtering: {uri}");

    /// <summary>A web-download that could not be completed; <paramref name="reason"/> says what the source did.</summary>
    public static GlanceException WebDownloadFailed(string source, string reason) => Invalid($"Web-download of {source} failed: {reason}");

    public static GlanceException WebDownloadStalled(string source, TimeSpan idleTimeout, long bytesRead) =>
        WebDownloadFailed(source, $"no data arrived for {idleTimeout.TotalSeconds:0.###} seconds after {bytesRead} bytes.");

    public static GlanceException WebDownloadTooLong(string source, TimeSpan maxDuration, long bytesRead) =>
        WebDownloadFailed(source, $"it did not finish within {maxDuration} ({bytesRead} bytes received).");

    // Members.

    public static GlanceException MemberNotSpecified() => Invalid("Member to be added not specified");

    public static GlanceException InvalidMemberId(string memberId) => Invalid($"Invalid member id: {memberId}");

    public static GlanceException MemberWithFourByteCharacters() => Invalid("Member can't contain 4 byte unicode characters.");

    public static GlanceException InvalidMemberStatus() => Invalid("Incorrect request: Status must be \"pending\", \"accepted\" or \"rejected\".");

    public static GlanceException MemberImageNotFound(string imageId) => NotFound($"Image {imageId} not found.");

    /// <summary>Glance: only shared images have members; listing says so, the other verbs do not.</summary>
    public static GlanceException MembersNeedSharedImage(string imageId, string verb) => NotAllowed(verb == "list"
        ? $"Not allowed to list members for image {imageId}: Only shared images have members."
        : $"Not allowed to {verb} members for image {imageId}.");

    public static GlanceException MemberDuplicated(string memberId, string imageId) => Conflict($"Member {memberId} is duplicated for image {imageId}");

    public static GlanceException MemberChangedMeanwhile(string memberId, string imageId) =>
        Conflict($"Member {memberId} of image {imageId} was changed by another request; retry.");

    public static GlanceException MemberNotFound(string memberId, string imageId) => NotFound($"{memberId} not found in the member list of the image {imageId}.");

    private static GlanceException SchemaMismatch(string detail) => Invalid($"Provided object does not match schema 'image': {detail}");

    private static GlanceException Invalid(string message) => new(GlanceErrorKind.Invalid, message);
    private static GlanceException NotAllowed(string message) => new(GlanceErrorKind.NotAllowed, message);
    private static GlanceException NotFound(string message) => new(GlanceErrorKind.NotFound, message);
    private static GlanceException Conflict(string message) => new(GlanceErrorKind.Conflict, message);
    private static GlanceException LimitExceeded(string message) => new(GlanceErrorKind.LimitExceeded, message);
}
