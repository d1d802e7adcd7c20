namespace Glance.Domain.Policy;

/// <summary>
/// Glance's default rules for the operations this service has, as Glance Zed (25) registers them in
/// glance/policies/{base,image}.py and as they apply with the new defaults enforced (secure RBAC, project scope;
/// <c>[oslo_policy] enforce_new_defaults</c> and <c>enforce_secure_rbac</c>). The strings are those
/// <c>oslopolicy-sample-generator</c> prints, so this table reads like Glance's policy file and
/// <c>Glance:Policy:Rules</c> overrides entries of it by the same names.
/// </summary>
public static class ImagePolicyDefaults
{
    public const string ContextIsAdmin = "context_is_admin";
    public const string Default = "default";
    public const string AddImage = "add_image";
    public const string GetImage = "get_image";
    public const string GetImages = "get_images";
    public const string ModifyImage = "modify_image";
    public const string DeleteImage = "delete_image";
    public const string UploadImage = "upload_image";
    public const string DownloadImage = "download_image";
    public const string PublicizeImage = "publicize_image";
    public const string CommunitizeImage = "communitize_image";
    public const string Deactivate = "deactivate";
    public const string Reactivate = "reactivate";

    /// <summary>Ours, not Glance's: POST /v2/images/{id}/actions/restore, by default whoever may delete the image.</summary>
    public const string RestoreImage = "restore_image";
    public const string AddMember = "add_member";
    public const string DeleteMember = "delete_member";
    public const string GetMember = "get_member";
    public const string GetMembers = "get_members";
    public const string ModifyMember = "modify_member";
    public const string TasksApiAccess = "tasks_api_access";
    public const string GetTask = "get_task";
    public const string GetTasks = "get_tasks";
    public const string AddTask = "add_task";
    public const string CopyImage = "copy_image";
    public const string GetImageLocation = "get_image_location";
    public const string DeleteImageLocation = "delete_image_location";
    public const string StoresInfoDetail = "stores_info_detail";

    /// <summary>Glance 2.17's locations API (glance/policies/image.py, 2024.1): POST and GET /v2/images/{id}/locations.</summary>
    public const string AddImageLocation = "add_image_location";
    public const string FetchImageLocation = "fetch_image_location";

    private const string AdminOrProjectMember = "role:admin or (role:member and project_id:%(project_id)s)";
    private const string OwnerMemberOrSharedOrPublic =
        "(project_id:%(project_id)s or project_id:%(member_id)s or 'community':%(visibility)s or 'public':%(visibility)s or 'shared':%(visibility)s)";

    public static IReadOnlyDictionary<string, string> Rules { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Default] = "",
        [ContextIsAdmin] = "role:admin",
        [AddImage] = "role:admin or (role:member and project_id:%(project_id)s and project_id:%(owner)s)",
        [DeleteImage] = AdminOrProjectMember,
        [GetImage] = $"role:admin or (role:reader and {OwnerMemberOrSharedOrPublic})",
        [GetImages] = "role:admin or (role:reader and project_id:%(project_id)s)",
        [ModifyImage] = AdminOrProjectMember,
        [PublicizeImage] = "role:admin",
        [CommunitizeImage] = AdminOrProjectMember,
        [DownloadImage] = $"role:admin or (role:member and {OwnerMemberOrSharedOrPublic})",
        [UploadImage] = AdminOrProjectMember,
        [AddMember] = AdminOrProjectMember,
        [DeleteMember] = AdminOrProjectMember,
        // Glance writes these two without parentheses; "and" binds tighter than "or".
        [GetMember] = "role:admin or role:reader and (project_id:%(project_id)s or project_id:%(member_id)s)",
        [GetMembers] = "role:admin or role:reader and (project_id:%(project_id)s or project_id:%(member_id)s)",
        [ModifyMember] = "role:admin or (role:member and project_id:%(member_id)s)",
        [Deactivate] = AdminOrProjectMember,
        [Reactivate] = AdminOrProjectMember,
        [RestoreImage] = AdminOrProjectMember,
        // glance/policies/tasks.py: the tasks API is an administrator's; the per-call rules defer to it.
        [TasksApiAccess] = "role:admin",
        [GetTask] = "rule:default",
        [GetTasks] = "rule:default",
        [AddTask] = "rule:default",
        // Multistore (glance/policies/image.py, discovery.py): copies between stores and their removal are an
        // administrator's, as is the stores' detail.
        [CopyImage] = "role:admin",
        [GetImageLocation] = "role:admin or (role:reader and project_id:%(project_id)s)",
        [DeleteImageLocation] = "role:admin",
        [StoresInfoDetail] = "role:admin",
        // The locations API is for services (Nova, Cinder) acting on a user's image, and for the image's project:
        // adding a location is the owner's or a service's; reading locations back is a service's only.
        [AddImageLocation] = "role:service or (role:member and project_id:%(project_id)s)",
        [FetchImageLocation] = "role:service",
    };
}
