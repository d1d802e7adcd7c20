namespace Glance.Domain.Policy;

/// <summary>
/// Glance Zed's metadef rules (glance/policies/metadef.py) with the new defaults enforced: reads for an admin or a
/// reader of the owning project or of a public namespace, writes for admins. Overridden by name through
/// <c>Glance:Policy:Rules</c>, like <see cref="ImagePolicyDefaults"/>.
/// </summary>
public static class MetadefPolicyDefaults
{
    public const string MetadefDefault = "metadef_default";
    public const string MetadefAdmin = "metadef_admin";
    public const string GetNamespace = "get_metadef_namespace";
    public const string GetNamespaces = "get_metadef_namespaces";
    public const string ModifyNamespace = "modify_metadef_namespace";
    public const string AddNamespace = "add_metadef_namespace";
    public const string DeleteNamespace = "delete_metadef_namespace";
    public const string GetObject = "get_metadef_object";
    public const string GetObjects = "get_metadef_objects";
    public const string ModifyObject = "modify_metadef_object";
    public const string AddObject = "add_metadef_object";
    public const string DeleteObject = "delete_metadef_object";
    public const string ListResourceTypes = "list_metadef_resource_types";
    public const string GetResourceType = "get_metadef_resource_type";
    public const string AddResourceTypeAssociation = "add_metadef_resource_type_association";
    public const string RemoveResourceTypeAssociation = "remove_metadef_resource_type_association";
    public const string GetProperty = "get_metadef_property";
    public const string GetProperties = "get_metadef_properties";
    public const string ModifyProperty = "modify_metadef_property";
    public const string AddProperty = "add_metadef_property";
    public const string RemoveProperty = "remove_metadef_property";
    public const string GetTag = "get_metadef_tag";
    public const string GetTags = "get_metadef_tags";
    public const string ModifyTag = "modify_metadef_tag";
    public const string AddTag = "add_metadef_tag";
    public const string AddTags = "add_metadef_tags";
    public const string DeleteTag = "delete_metadef_tag";
    public const string DeleteTags = "delete_metadef_tags";

    private const string ReaderOfOwnerOrPublic = "role:admin or (role:reader and (project_id:%(project_id)s or 'public':%(visibility)s))";
    private const string Admin = "rule:metadef_admin";

    public static IReadOnlyDictionary<string, string> Rules { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [MetadefDefault] = "",
        [MetadefAdmin] = "role:admin",
        [GetNamespace] = ReaderOfOwnerOrPublic,
        [GetNamespaces] = "role:admin or (role:reader and project_id:%(project_id)s)",
        [ModifyNamespace] = Admin,
        [AddNamespace] = Admin,
        [DeleteNamespace] = Admin,
        [GetObject] = ReaderOfOwnerOrPublic,
        [GetObjects] = ReaderOfOwnerOrPublic,
        [ModifyObject] = Admin,
        [AddObject] = Admin,
        [DeleteObject] = Admin,
        [ListResourceTypes] = ReaderOfOwnerOrPublic,
        [GetResourceType] = ReaderOfOwnerOrPublic,
        [AddResourceTypeAssociation] = Admin,
        [RemoveResourceTypeAssociation] = Admin,
        [GetProperty] = ReaderOfOwnerOrPublic,
        [GetProperties] = ReaderOfOwnerOrPublic,
        [ModifyProperty] = Admin,
        [AddProperty] = Admin,
        [RemoveProperty] = Admin,
        [GetTag] = ReaderOfOwnerOrPublic,
        [GetTags] = ReaderOfOwnerOrPublic,
        [ModifyTag] = Admin,
        [AddTag] = Admin,
        [AddTags] = Admin,
        [DeleteTag] = Admin,
        [DeleteTags] = Admin,
    };
}
