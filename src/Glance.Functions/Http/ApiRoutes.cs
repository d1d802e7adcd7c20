using System.Text.RegularExpressions;

namespace Glance.Functions.Http;

/// <summary>
/// The route template of each HTTP function, and the verbs each serves in the order Glance's router lists them
/// in <c>Allow</c>. Every route is one function that accepts every verb and answers 405 itself: the Functions host
/// tries routes in function-name order and the first template (with its verbs) that matches wins, so one function
/// per verb would let a template with broader verbs shadow another.
/// </summary>
public static partial class ApiRoutes
{
    /// <summary>
    /// The first segment of every v2 path: the version ids Glance's version negotiation accepts in any deployment
    /// without image cache, as we are: <c>v2</c>, <c>v2.0</c> to <c>v2.7</c>, <c>v2.9</c> and <c>v2.15</c>, and with
    /// multistore also <c>v2.8</c> and <c>v2.10</c> to <c>v2.13</c>. Which of them this deployment serves is
    /// <see cref="Functions.VersionsDocument.Serves"/>: <see cref="GlanceEndpoint"/> answers the others as Glance
    /// does any first segment it does not serve, 300 with the versions document. Glance strips the segment and serves
    /// the v2 API, so a client pinned to a minor version is served the same API. Glance compares the segment
    /// case-sensitively (<c>/V2/images</c> is 300 there), hence <c>(?-i)</c> in a template constraint, which
    /// ASP.NET Core otherwise matches ignoring case.
    /// </summary>
    public const string VersionPattern = @"v2(\.[0-9]|\.1[0-35])?";

    /// <summary>The major version's own segment, served in every deployment.</summary>
    public const string Major = "v2";

    private const string V2 = "{version:regex(^(?-i)" + VersionPattern + "$)}/";

    public const string Versions = "versions";
    public const string Healthcheck = "healthcheck";
    public const string Images = V2 + "images";
    public const string Image = V2 + "images/{imageId}";
    public const string ImageFile = V2 + "images/{imageId}/file";
    public const string ImageStage = V2 + "images/{imageId}/stage";
    public const string ImageImport = V2 + "images/{imageId}/import";
    public const string ImageUploadUrl = V2 + "images/{imageId}/upload-url";
    public const string ImageDownloadUrl = V2 + "images/{imageId}/download-url";
    public const string ImageTasks = V2 + "images/{imageId}/tasks";
    public const string ImageLocations = V2 + "images/{imageId}/locations";
    public const string ImageMembers = V2 + "images/{imageId}/members";
    public const string ImageMember = V2 + "images/{imageId}/members/{memberId}";
    public const string ImageTag = V2 + "images/{imageId}/tags/{tag}";
    public const string DeactivateImage = V2 + "images/{imageId}/actions/deactivate";
    public const string ReactivateImage = V2 + "images/{imageId}/actions/reactivate";
    public const string RestoreImage = V2 + "images/{imageId}/actions/restore";
    public const string Schema = V2 + "schemas/{name}";
    public const string ImportInfo = V2 + "info/import";
    public const string Usage = V2 + "info/usage";
    public const string StoresInfo = V2 + "info/stores";
    public const string StoresInfoDetail = V2 + "info/stores/detail";
    public const string ImageInStore = V2 + "stores/{storeId}/{imageId}";
    public const string Tasks = V2 + "tasks";
    public const string Task = V2 + "tasks/{taskId}";
    public const string LatestInFamily = V2 + "families/{family}/latest";

    public const string MetadefNamespaces = V2 + "metadefs/namespaces";
    public const string MetadefNamespace = V2 + "metadefs/namespaces/{namespaceName}";
    public const string MetadefSchema = V2 + "schemas/metadefs/{name}";
    public const string MetadefTags = V2 + "metadefs/namespaces/{namespaceName}/tags";
    public const string MetadefTag = V2 + "metadefs/namespaces/{namespaceName}/tags/{tagName}";
    public const string MetadefObjects = V2 + "metadefs/namespaces/{namespaceName}/objects";
    public const string MetadefObject = V2 + "metadefs/namespaces/{namespaceName}/objects/{objectName}";
    public const string MetadefProperties = V2 + "metadefs/namespaces/{namespaceName}/properties";
    public const string MetadefProperty = V2 + "metadefs/namespaces/{namespaceName}/properties/{propertyName}";
    public const string MetadefResourceTypes = V2 + "metadefs/resource_types";
    public const string MetadefAssociations = V2 + "metadefs/namespaces/{namespaceName}/resource_types";
    public const string MetadefAssociation = V2 + "metadefs/namespaces/{namespaceName}/resource_types/{resourceType}";

    /// <summary>What follows the version segment in the routes above, as a pattern.</summary>
    private const string V2Paths = "(images(/[^/]+(/(file|stage|import|upload-url|download-url|tasks|locations|members(/[^/]+)?|tags/[^/]+"
        + "|actions/(deactivate|reactivate|restore)))?)?|schemas/[^/]+|info/(import|usage|stores(/detail)?)|stores/[^/]+/[^/]+|tasks(/[^/]+)?|families/[^/]+/latest"
        + "|schemas/metadefs/[^/]+|metadefs/resource_types|metadefs/namespaces(/[^/]+(/(tags|objects|properties|resource_types)(/[^/]+)?)?)?)";

    /// <summary>
    /// Every path no route above matches, except the host's own <c>admin/</c> and <c>runtime/</c>. The negative
    /// lookahead mirrors the templates above (a test applies the host's rule to prove no route is shadowed), so the
    /// order in which the host tries the fallback does not matter. The default <c>-</c> stands for the root path: a
    /// regex constraint refuses a missing value, and a catch-all cannot be optional.
    /// </summary>
    public const string Unmatched =
        "{*path:regex(^(?!(admin|runtime)(/|$))(?!(versions|healthcheck|(?-i:" + VersionPattern + ")/" + V2Paths + ")/?$).*$)=-}";

    /// <summary>
    /// True when <paramref name="segment"/> is a version id Glance's version negotiation serves the v2 API for in some
    /// deployment without cache (this one's: <see cref="Functions.VersionsDocument.Serves"/>).
    /// </summary>
    public static bool IsVersion(string segment) => Version().IsMatch(segment);

    /// <summary>
    /// True when <paramref name="path"/> is a route above only if letter case is ignored (<c>/v2/IMAGES</c>), as
    /// ASP.NET Core templates match it: Glance's router compares case and answers 404.
    /// </summary>
    public static bool IsRouteInAnotherCase(string path) => RouteIgnoringCase().IsMatch(path) && !Route().IsMatch(path);

    [GeneratedRegex("^" + VersionPattern + "$")]
    private static partial Regex Version();

    [GeneratedRegex("^/" + VersionPattern + "/" + V2Paths + "/?$")]
    private static partial Regex Route();

    [GeneratedRegex("^/" + VersionPattern + "/" + V2Paths + "/?$", RegexOptions.IgnoreCase)]
    private static partial Regex RouteIgnoringCase();
}
