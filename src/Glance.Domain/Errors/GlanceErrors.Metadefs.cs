namespace Glance.Domain.Errors;

/// <summary>The metadata definitions catalogue's errors, worded as Glance words them (glance/common/exception.py Metadef*).</summary>
public static partial class GlanceErrors
{
    public static GlanceException NamespaceNotFound(string name) => NotFound($"Metadata definition namespace={name} was not found.");

    /// <summary>Glance's update and delete word a namespace they cannot find (or the caller cannot see) differently.</summary>
    public static GlanceException NamespaceToChangeNotFound(string name) => NotFound($"Namespace {name} not found");

    /// <summary>The database layer's refusal, which Glance's list lets through as a 403 for a marker the caller may not see.</summary>
    public static GlanceException NamespaceNotVisible(string name) =>
        NotAllowed($"Forbidding request, metadata definition namespace={name} is not visible.");

    public static GlanceException NamespaceExists(string name) => Conflict($"The metadata definition namespace={name} already exists.");

    public static GlanceException NamespaceRenameTaken(string name) =>
        Conflict($"Invalid update. It would result in a duplicate metadata definition namespace with the same name of {name}");

    public static GlanceException NamespaceProtected(string name) =>
        NotAllowed($"Metadata definition namespace {name} is protected and cannot be deleted.");

    public static GlanceException ObjectExists(string name, string ns) =>
        Conflict($"A metadata definition object with name={name} already exists in namespace={ns}.");

    public static GlanceException TagExists(string name, string ns) =>
        Conflict($"A metadata tag with name={name} already exists in namespace={ns}. (Please note that metadata tag names are case insensitive).");

    public static GlanceException AssociationExists(string resourceType, string ns) =>
        Conflict($"The metadata definition resource-type association of resource-type={resourceType} to namespace={ns} already exists.");

    public static GlanceException NamespaceChangedMeanwhile(string name) =>
        Conflict($"Metadata definition namespace {name} was changed by other requests throughout this one; retry.");

    /// <summary>jsonschema's words after Glance's prefix, for the metadef schemas (namespace, object, property, tag ...).</summary>
    public static GlanceException MetadefSchemaMismatch(string schema, string detail) =>
        Invalid($"Provided object does not match schema '{schema}': {detail}");

    // The list query (glance/api/v2/metadef_namespaces.py RequestDeserializer.index).

    /// <summary>Zed answers 500 to a sort key that is not a column (of namespaces, tags or objects); ours says which are.</summary>
    public static GlanceException MetadefSortKeyInvalid(string value, IEnumerable<string> keys) =>
        Invalid($"Invalid sort key: {value}. It must be one of the following: {string.Join(", ", keys)}.");

    public static GlanceException NamespaceVisibilityInvalid(string value) => Invalid($"Invalid visibility value: {value}");

    // Contents (glance/db/__init__.py's repositories, which reword the database's not-found; ProtectedMetadef*Delete).

    public static GlanceException TagNotFound(string name) => NotFound($"Could not find metadata tag {name}");

    public static GlanceException TagProtected(string name) => NotAllowed($"Metadata definition tag {name} is protected and cannot be deleted.");

    public static GlanceException ObjectNotFound(string name) => NotFound($"Could not find metadata object {name}");

    /// <summary>Glance's database names the object being renamed, not the name it would take.</summary>
    public static GlanceException ObjectRenameTaken(string name, string ns) =>
        Conflict($"Invalid update. It would result in a duplicate metadata definition object with the same name={name} in namespace={ns}.");

    public static GlanceException PropertyRenameTaken(string name, string ns) =>
        Conflict($"Invalid update. It would result in a duplicate metadata definition property with the same name={name} in namespace={ns}.");

    public static GlanceException ObjectProtected(string name) => NotAllowed($"Metadata definition object {name} is protected and cannot be deleted.");

    public static GlanceException PropertyNotFound(string name) => NotFound($"Could not find property {name}");

    public static GlanceException PropertyExists(string name, string ns) =>
        Conflict($"A metadata definition property with name={name} already exists in namespace={ns}.");

    /// <summary>Glance formats a missing prefix as Python's None.</summary>
    public static GlanceException PropertyWithoutPrefix(string name, string? prefix) =>
        NotFound($"Property {name} does not start with the expected resource type association prefix of '{prefix ?? "None"}'.");

    public static GlanceException ResourceTypeNotFound(string name) =>
        NotFound($"The metadata definition resource-type with name={name}, was not found.");

    public static GlanceException AssociationNotFound(string resourceType, string ns) =>
        NotFound($"The metadata definition resource-type association of resource-type={resourceType} to namespace={ns}, was not found.");

    public static GlanceException AssociationToDeleteNotFound(string resourceType) =>
        NotFound($"Failed to find resource type {resourceType} to delete");

    public static GlanceException AssociationProtected(string resourceType) =>
        NotAllowed($"Metadata definition resource-type-association {resourceType} is protected and cannot be deleted.");

    public static GlanceException PropertyProtected(string name) => NotAllowed($"Metadata definition property {name} is protected and cannot be deleted.");
}
