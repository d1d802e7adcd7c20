using Glance.Domain.Images;
using Glance.Domain.Members;
using Glance.Domain.Metadefs;
using Glance.Domain.Tasks;

namespace Glance.Domain.Events;

/// <summary>
/// What a notification reports, captured when the event is raised (glance/notifier.py gathers the same facts). Which
/// facts a payload carries is decided here, and none carries locations, blob URLs or SAS tokens; how they are spelt on
/// the wire is the publisher's concern.
/// </summary>
public abstract record EventPayload
{
    private EventPayload()
    {
    }

    /// <summary>The image as it stood (format_image_notification); image.prepare and image.upload add the import lists.</summary>
    public sealed record ImageState(ImageSnapshot Image, bool WithImportLists) : EventPayload;

    /// <summary>image.send: the bytes a download served, or (<paramref name="BytesSent"/> null) a download URL issued.</summary>
    public sealed record DataSent(string ImageId, string? OwnerId, long? BytesSent, string? ReceiverProject, string? ReceiverUser) : EventPayload;

    /// <summary>image.member.*: the membership, and when it was removed (null while it stands).</summary>
    public sealed record Membership(ImageMember Member, DateTimeOffset? DeletedAt) : EventPayload;

    /// <summary>task.*: the task record as it stood.</summary>
    public sealed record TaskState(ImageTask Task) : EventPayload;

    /// <summary>Glance sends a failed upload with nothing but a plain-text message as the payload.</summary>
    public sealed record Failure(string Message) : EventPayload;

    /// <summary>metadef_namespace.*: the namespace as it stood, its name before an update, when it was removed (null while it stands).</summary>
    public sealed record NamespaceState(MetadefNamespace Namespace, string OldName, DateTimeOffset? DeletedAt) : EventPayload;

    /// <summary>metadef_object.*: an object of the namespace named <paramref name="Namespace"/>.</summary>
    public sealed record ObjectState(string Namespace, MetadefObject Object, string OldName, DateTimeOffset? DeletedAt) : EventPayload;

    /// <summary>metadef_property.*: a property definition of the namespace named <paramref name="Namespace"/>.</summary>
    public sealed record PropertyState(string Namespace, MetadefPropertyDefinition Property, string OldName, DateTimeOffset? DeletedAt) : EventPayload;

    /// <summary>metadef_tag.*: a tag of the namespace named <paramref name="Namespace"/>.</summary>
    public sealed record TagState(string Namespace, MetadefTag Tag, string OldName, DateTimeOffset? DeletedAt) : EventPayload;

    /// <summary>metadef_resource_type.*: an association of the namespace named <paramref name="Namespace"/> with a resource type.</summary>
    public sealed record AssociationState(string Namespace, ResourceTypeAssociation Association, DateTimeOffset? DeletedAt) : EventPayload;
}
