namespace Glance.Functions.Http;

/// <summary>
/// The route template of each HTTP function, and the verbs each serves in the order Glance's router lists them
/// in <c>Allow</c>. Every route is one function that accepts every verb and answers 405 itself: the Functions host
/// tries routes in function-name order and the first template (with its verbs) that matches wins, so one function
/// per verb would let a template with broader verbs shadow another.
/// </summary>
public static class ApiRoutes
{
    public const string Versions = "versions";
    public const string Healthcheck = "healthcheck";
    public const string Images = "v2/images";
    public const string Image = "v2/images/{imageId}";
    public const string ImageFile = "v2/images/{imageId}/file";
    public const string ImageStage = "v2/images/{imageId}/stage";
    public const string ImageImport = "v2/images/{imageId}/import";
    public const string ImageUploadUrl = "v2/images/{imageId}/upload-url";
    public const string ImageDownloadUrl = "v2/images/{imageId}/download-url";
    public const string ImageTasks = "v2/images/{imageId}/tasks";
    public const string ImageMembers = "v2/images/{imageId}/members";
    public const string ImageMember = "v2/images/{imageId}/members/{memberId}";
    public const string ImageTag = "v2/images/{imageId}/tags/{tag}";
    public const string DeactivateImage = "v2/images/{imageId}/actions/deactivate";
    public const string ReactivateImage = "v2/images/{imageId}/actions/reactivate";
    public const string Schema = "v2/schemas/{name}";
    public const string ImportInfo = "v2/info/import";
    public const string Usage = "v2/info/usage";

    /// <summary>
    /// Every path no route above matches, except the host's own <c>admin/</c> and <c>runtime/</c>. The negative
    /// lookahead mirrors the templates above (a test applies the host's rule to prove no route is shadowed), so the
    /// order in which the host tries the fallback does not matter. The default <c>-</c> stands for the root path: a
    /// regex constraint refuses a missing value, and a catch-all cannot be optional.
    /// </summary>
    public const string Unmatched =
        "{*path:regex(^(?!(admin|runtime)(/|$))(?!(versions|healthcheck|v2/(images(/[^/]+(/(file|stage|import|upload-url"
        + "|download-url|tasks|members(/[^/]+)?|tags/[^/]+|actions/(deactivate|reactivate)))?)?|schemas/[^/]+|info/(import|usage)))/?$).*$)=-}";
}
