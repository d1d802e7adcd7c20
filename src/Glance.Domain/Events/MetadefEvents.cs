using Glance.Domain.Metadefs;

namespace Glance.Domain.Events;

/// <summary>
/// Glance's metadef notifications (glance/notifier.py, the Metadef*RepoProxy classes): each event's type, subject and
/// payload. An update reports the name before it (<c>namespace_old</c>, <c>name_old</c>); a delete reports the item
/// as it stood, deleted now; emptying a namespace's objects, properties or tags reports the namespace.
/// Zed's own notifications, watched through oslo.messaging's log driver, settle the quirks below.
/// </summary>
public static class MetadefEvents
{
    public static MetadefEvent NamespaceCreate(MetadefNamespace ns, DateTimeOffset now) => Namespace("metadef_namespace.create", ns, ns.Name, now);
    /// <summary>
    /// Glance reports an updated item as its controller changed it, before the database set the new updated_at: an
    /// update shows the updated_at of the state before (so do the object and tag updates).
    /// </summary>
    public static MetadefEvent NamespaceUpdate(MetadefNamespace before, MetadefNamespace after, DateTimeOffset now) =>
        Namespace("metadef_namespace.update", after with { UpdatedAt = before.UpdatedAt }, before.Name, now);
    public static MetadefEvent NamespaceDelete(MetadefNamespace ns, DateTimeOffset now) => Namespace("metadef_namespace.delete", ns, ns.Name, now, deleted: true);
    public static MetadefEvent ObjectsDelete(MetadefNamespace ns, DateTimeOffset now) => Namespace("metadef_namespace.delete_objects", ns, ns.Name, now);
    public static MetadefEvent PropertiesDelete(MetadefNamespace ns, DateTimeOffset now) => Namespace("metadef_namespace.delete_properties", ns, ns.Name, now);
    public static MetadefEvent TagsDelete(MetadefNamespace ns, DateTimeOffset now) => Namespace("metadef_namespace.delete_tags", ns, ns.Name, now);

    public static MetadefEvent ObjectCreate(string ns, MetadefObject o, DateTimeOffset now) => Object("metadef_object.create", ns, o, o.Name, now);
    public static MetadefEvent ObjectUpdate(string ns, MetadefObject before, MetadefObject after, DateTimeOffset now) =>
        Object("metadef_object.update", ns, after with { UpdatedAt = before.UpdatedAt }, before.Name, now);

    /// <summary>Glance reports the object as its database gives it back: without required names, an empty list.</summary>
    public static MetadefEvent ObjectDelete(string ns, MetadefObject o, DateTimeOffset now) =>
        Object("metadef_object.delete", ns, o with { Required = o.Required ?? [] }, o.Name, now, deleted: true);

    public static MetadefEvent PropertyCreate(string ns, MetadefPropertyDefinition p, DateTimeOffset now) => Property("metadef_property.create", ns, p, p.Name, now);
    public static MetadefEvent PropertyUpdate(string ns, MetadefPropertyDefinition before, MetadefPropertyDefinition after, DateTimeOffset now) =>
        Property("metadef_property.update", ns, after, before.Name, now);
    public static MetadefEvent PropertyDelete(string ns, MetadefPropertyDefinition p, DateTimeOffset now) =>
        Property("metadef_property.delete", ns, p, p.Name, now, deleted: true);

    public static MetadefEvent TagCreate(string ns, MetadefTag t, DateTimeOffset now) => Tag("metadef_tag.create", ns, t, t.Name, now);
    public static MetadefEvent TagUpdate(string ns, MetadefTag before, MetadefTag after, DateTimeOffset now) =>
        Tag("metadef_tag.update", ns, after with { UpdatedAt = before.UpdatedAt }, before.Name, now);
    public static MetadefEvent TagDelete(string ns, MetadefTag t, DateTimeOffset now) => Tag("metadef_tag.delete", ns, t, t.Name, now, deleted: true);

    /// <summary>Glance names an association's events after the resource type; it never reports a resource type itself.</summary>
    public static MetadefEvent ResourceTypeCreate(string ns, ResourceTypeAssociation a, DateTimeOffset now) => Association("metadef_resource_type.create", ns, a, now);
    public static MetadefEvent ResourceTypeDelete(string ns, ResourceTypeAssociation a, DateTimeOffset now) =>
        Association("metadef_resource_type.delete", ns, a, now, deleted: true);

    /// <summary>
    /// A namespace created with contents, in the order Glance's create adds them: the namespace, its associations,
    /// objects, tags, then properties, one event each.
    /// </summary>
    public static IReadOnlyList<MetadefEvent> Created(NamespaceDetail created, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(created);
        var ns = created.Namespace.Name;
        return
        [
            NamespaceCreate(created.Namespace, now),
            .. created.Associations.Select(a => ResourceTypeCreate(ns, a, now)),
            .. created.Objects.Select(o => ObjectCreate(ns, o, now)),
            .. created.Tags.Select(t => TagCreate(ns, t, now)),
            .. created.Properties.Select(p => PropertyCreate(ns, p, now)),
        ];
    }

    /// <summary>The route of a namespace, as the API names it: names may hold any character, so they are escaped.</summary>
    public static string Subject(string ns, string? kind = null, string? name = null) =>
        "/metadefs/namespaces/" + Uri.EscapeDataString(ns) + (kind is null ? "" : $"/{kind}/{Uri.EscapeDataString(name!)}");

    private static MetadefEvent Namespace(string type, MetadefNamespace ns, string oldName, DateTimeOffset now, bool deleted = false) =>
        Of(type, Subject(ns.Name), new EventPayload.NamespaceState(ns with { UpdatedAt = Shown(ns.UpdatedAt, now) }, oldName, deleted ? now : null), now);

    private static MetadefEvent Object(string type, string ns, MetadefObject o, string oldName, DateTimeOffset now, bool deleted = false) =>
        Of(type, Subject(ns, "objects", o.Name), new EventPayload.ObjectState(ns, o with { UpdatedAt = Shown(o.UpdatedAt, now) }, oldName, deleted ? now : null), now);

    private static MetadefEvent Property(string type, string ns, MetadefPropertyDefinition p, string oldName, DateTimeOffset now, bool deleted = false) =>
        Of(type, Subject(ns, "properties", p.Name), new EventPayload.PropertyState(ns, p, oldName, deleted ? now : null), now);

    private static MetadefEvent Tag(string type, string ns, MetadefTag t, string oldName, DateTimeOffset now, bool deleted = false) =>
        Of(type, Subject(ns, "tags", t.Name), new EventPayload.TagState(ns, t with { UpdatedAt = Shown(t.UpdatedAt, now) }, oldName, deleted ? now : null), now);

    private static MetadefEvent Association(string type, string ns, ResourceTypeAssociation a, DateTimeOffset now, bool deleted = false) =>
        Of(type, Subject(ns, "resource_types", a.Name),
            new EventPayload.AssociationState(ns, a with { UpdatedAt = Shown(a.UpdatedAt, now) }, deleted ? now : null), now);

    private static MetadefEvent Of(string type, string subject, EventPayload payload, DateTimeOffset now) => new(Guid.NewGuid().ToString(), type, subject, now, payload);

    /// <summary>
    /// What glance-manage loaded was never updated (no updated_at); Glance's isotime shows a missing time as the time
    /// of the call, so its notifications do too.
    /// </summary>
    private static DateTimeOffset Shown(DateTimeOffset time, DateTimeOffset now) => time == default ? now : time;
}
