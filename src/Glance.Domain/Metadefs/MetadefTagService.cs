using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Identity;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using static Glance.Domain.Policy.MetadefPolicyDefaults;

namespace Glance.Domain.Metadefs;

/// <summary>
/// A namespace's tags (glance/api/v2/metadef_tags.py): each use case finds the namespace, checks the rule, then decides
/// on the tags read with it and writes the change in one compare-and-set with the namespace. Tag names are unique
/// ignoring case, as Glance's message says (and its MySQL database has it).
/// </summary>
public sealed class MetadefTagService(IMetadefNamespaceRepository repository, MetadefPolicy policy, MetadefAttempts attempts, TimeProvider clock)
{
    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    public async Task<IReadOnlyList<MetadefTag>> ListAsync(Caller caller, string ns, ChildListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = await attempts.FindAsync(caller, ns, withContents: true, cancellationToken);
        policy.Enforce(GetTags, caller, found.Namespace);
        var marker = query.Marker is null ? null : Find(found, query.Marker).Name;
        return ChildOrder.Page(
            found.Tags.Reverse().ToList(), query with { Marker = marker }, t => t.Name, t => t.CreatedAt, t => t.UpdatedAt,
            GlanceErrors.TagNotFound);
    }

    public async Task<MetadefTag> GetAsync(Caller caller, string ns, string name, CancellationToken cancellationToken = default)
    {
        var found = await attempts.FindAsync(caller, ns, withContents: true, cancellationToken);
        policy.Enforce(GetTag, caller, found.Namespace);
        return Find(found, name);
    }

    /// <summary>POST /tags/{name}: one tag.</summary>
    public Task<MetadefTag> CreateAsync(Caller caller, string ns, string name, CancellationToken cancellationToken = default) =>
        attempts.RetryAsync(ns, async () =>
        {
            var found = await attempts.FindAsync(caller, ns, withContents: true, cancellationToken);
            policy.Enforce(AddTag, caller, found.Namespace);
            if (found.Tags.Any(t => Names.Equals(t.Name, name)))
            {
                throw GlanceErrors.TagExists(name, ns);
            }
            var now = clock.GetUtcNow();
            var tag = new MetadefTag(name, now, now);
            await repository.SaveContentsAsync(found, new ContentChanges { AddedTags = [tag] }, [MetadefEvents.TagCreate(found.Namespace.Name, tag, now)], cancellationToken);
            return tag;
        }, cancellationToken);

    /// <summary>
    /// POST /tags: the given tags, replacing every tag unless <paramref name="append"/>; nothing when none are given. As
    /// in Glance, each new tag is reported created and the tags replaced are not reported.
    /// </summary>
    public Task<IReadOnlyList<MetadefTag>> CreateManyAsync(Caller caller, string ns, IReadOnlyList<string> names, bool append, CancellationToken cancellationToken = default) =>
        attempts.RetryAsync<IReadOnlyList<MetadefTag>>(ns, async () =>
        {
            ArgumentNullException.ThrowIfNull(names);
            var found = await attempts.FindAsync(caller, ns, withContents: true, cancellationToken);
            policy.Enforce(AddTags, caller, found.Namespace);
            if (names.Count == 0)
            {
                return [];
            }
            var seen = new HashSet<string>(append ? found.Tags.Select(t => t.Name) : [], Names);
            if (names.FirstOrDefault(n => !seen.Add(n)) is { } repeated)
            {
                throw GlanceErrors.TagExists(repeated, ns);
            }
            var now = clock.GetUtcNow();
            var tags = names.Select(n => new MetadefTag(n, now, now)).ToList();
            await repository.SaveContentsAsync(found, new ContentChanges { RemoveAllTags = !append, AddedTags = tags },
                tags.Select(t => MetadefEvents.TagCreate(found.Namespace.Name, t, now)).ToList(), cancellationToken);
            return tags;
        }, cancellationToken);

    /// <summary>PUT /tags/{name}: renames the tag.</summary>
    public Task<MetadefTag> RenameAsync(Caller caller, string ns, string name, string newName, CancellationToken cancellationToken = default) =>
        attempts.RetryAsync(ns, async () =>
        {
            var found = await attempts.FindAsync(caller, ns, withContents: true, cancellationToken);
            policy.Enforce(ModifyTag, caller, found.Namespace);
            var tag = Find(found, name);
            if (found.Tags.Any(t => t != tag && Names.Equals(t.Name, newName)))
            {
                throw GlanceErrors.TagExists(newName, ns);
            }
            var now = clock.GetUtcNow();
            var renamed = tag with { Name = newName, UpdatedAt = now };
            await repository.SaveContentsAsync(found, new ContentChanges { ReplacedTags = [new(tag.Name, renamed)] },
                [MetadefEvents.TagUpdate(found.Namespace.Name, tag, renamed, now)], cancellationToken);
            return renamed;
        }, cancellationToken);

    public Task DeleteAsync(Caller caller, string ns, string name, CancellationToken cancellationToken = default) =>
        attempts.RemoveAsync(caller, ns, DeleteTag, found => Find(found, name), t => GlanceErrors.TagProtected(t.Name),
            t => new ContentChanges { RemovedTags = [t.Name] }, (ns, t) => MetadefEvents.TagDelete(ns, t, clock.GetUtcNow()), cancellationToken);

    /// <summary>DELETE /tags: every tag; Glance checks the namespace's delete rule first, and its protection.</summary>
    public Task DeleteAllAsync(Caller caller, string ns, CancellationToken cancellationToken = default) =>
        attempts.EmptyAsync(caller, ns, new ContentChanges { RemoveAllTags = true }, n => MetadefEvents.TagsDelete(n, clock.GetUtcNow()), cancellationToken);

    private static MetadefTag Find(NamespaceDetail found, string name) =>
        found.Tags.FirstOrDefault(t => Names.Equals(t.Name, name)) ?? throw GlanceErrors.TagNotFound(name);
}
