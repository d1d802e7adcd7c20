using Glance.Domain.Ports;

namespace Glance.Domain.Metadefs;

/// <summary>
/// Loads a catalogue of namespaces (Glance's metadef JSON files, parsed) as glance-manage db_load_metadefs does
/// (glance/db/sqlalchemy/metadata.py): a namespace without owner belongs to "admin", an object keeps its properties but
/// not its required list, and an existing namespace is skipped, merged or overwritten as <see cref="CatalogueLoadMode"/>
/// says. Each namespace is written with the repository's compare-and-set, so a load racing the API loses nothing and
/// is decided again; a load repeated changes nothing. Nothing it writes is reported: glance-manage writes to the
/// database directly, past the notifier.
/// </summary>
public sealed class MetadefCatalogueLoader(IMetadefNamespaceRepository repository, MetadefAttempts attempts, TimeProvider clock)
{
    private const string DefaultOwner = "admin";

    public async Task<CatalogueLoadReport> LoadAsync(IEnumerable<NewNamespace> catalogue, CatalogueLoadMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var (created, changed, skipped) = (0, 0, 0);
        foreach (var file in catalogue)
        {
            var outcome = await attempts.RetryAsync(file.Name, () => LoadOneAsync(file, mode, cancellationToken), cancellationToken);
            _ = outcome switch
            {
                Outcome.Created => created++,
                Outcome.Changed => changed++,
                _ => skipped++,
            };
        }
        return new CatalogueLoadReport(created, changed, skipped);
    }

    private enum Outcome
    {
        Created,
        Changed,
        Skipped,
    }

    private async Task<Outcome> LoadOneAsync(NewNamespace file, CatalogueLoadMode mode, CancellationToken cancellationToken)
    {
        var found = await repository.FindAsync(file.Name, withContents: true, cancellationToken);
        if (found is not null && mode == CatalogueLoadMode.MergeOverwrite)
        {
            await repository.DeleteAsync(found, [], cancellationToken);
            found = null;
        }
        if (found is null)
        {
            // Another loader or a client may take the name meanwhile: decide again on what is there then.
            return await repository.AddAsync(New(file), [], cancellationToken)
                ? mode == CatalogueLoadMode.MergeOverwrite ? Outcome.Changed : Outcome.Created
                : throw new ConcurrencyConflictException($"Namespace {file.Name} was created meanwhile.");
        }
        if (mode == CatalogueLoadMode.Skip)
        {
            return Outcome.Skipped;
        }
        var changes = Merge(found, New(file), preferNew: mode == CatalogueLoadMode.MergePreferNew, clock.GetUtcNow());
        if (changes is null && mode != CatalogueLoadMode.MergePreferNew)
        {
            return Outcome.Skipped;
        }
        if (changes is not null)
        {
            await repository.SaveContentsAsync(found, changes, [], cancellationToken);
        }
        if (mode == CatalogueLoadMode.MergePreferNew)
        {
            var fresh = await repository.FindAsync(file.Name, withContents: false, cancellationToken)
                ?? throw new ConcurrencyConflictException($"Namespace {file.Name} went away meanwhile.");
            var ns = fresh.Namespace with
            {
                DisplayName = file.DisplayName,
                Description = file.Description,
                Visibility = file.Visibility ?? NamespaceVisibility.Private,
                Protected = file.Protected ?? false,
                Owner = file.Owner ?? DefaultOwner,
                UpdatedAt = clock.GetUtcNow(),
            };
            await repository.SaveAsync(fresh, ns, [], cancellationToken);
        }
        return Outcome.Changed;
    }

    /// <summary>The file's namespace as glance-manage inserts it: created now, never updated (a default updated time).</summary>
    private NamespaceDetail New(NewNamespace file)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset never = default;
        var ns = new MetadefNamespace(
            Guid.NewGuid().ToString("N"), file.Name, file.DisplayName, file.Description,
            file.Visibility ?? NamespaceVisibility.Private, file.Protected ?? false, file.Owner ?? DefaultOwner, now, never);
        return new NamespaceDetail(
            ns,
            "",
            file.Associations.DistinctBy(a => a.Name).Select(a => new ResourceTypeAssociation(a.Name, a.Prefix, a.PropertiesTarget, now, never)).ToList(),
            file.Objects.DistinctBy(o => o.Name).Select(o => new MetadefObject(o.Name, o.Description, null, o.Properties, now, never)).ToList(),
            file.Properties.DistinctBy(p => p.Name).ToList(),
            file.Tags.DistinctBy(t => t, StringComparer.OrdinalIgnoreCase).Select(t => new MetadefTag(t, now, never)).ToList());
    }

    /// <summary>The file's contents the namespace lacks, and with <paramref name="preferNew"/> the file's version of those it has; null when nothing changes.</summary>
    private static ContentChanges? Merge(NamespaceDetail found, NamespaceDetail file, bool preferNew, DateTimeOffset now)
    {
        bool Has<T>(IEnumerable<T> items, Func<T, string> name, string wanted, StringComparer comparer) => items.Any(i => comparer.Equals(name(i), wanted));
        var changes = new ContentChanges
        {
            AddedAssociations = file.Associations.Where(a => !Has(found.Associations, x => x.Name, a.Name, StringComparer.Ordinal)).ToList(),
            AddedObjects = file.Objects.Where(o => !Has(found.Objects, x => x.Name, o.Name, StringComparer.Ordinal)).ToList(),
            AddedProperties = file.Properties.Where(p => !Has(found.Properties, x => x.Name, p.Name, StringComparer.Ordinal)).ToList(),
            AddedTags = file.Tags.Where(t => !Has(found.Tags, x => x.Name, t.Name, StringComparer.OrdinalIgnoreCase)).ToList(),
        };
        if (preferNew)
        {
            changes = changes with
            {
                // An association has no rename: removed and added again in the same change is one replacement. What
                // prefer_new replaces, Glance marks updated.
                RemovedAssociations = file.Associations.Where(a => Has(found.Associations, x => x.Name, a.Name, StringComparer.Ordinal)).Select(a => a.Name).ToList(),
                AddedAssociations = file.Associations.Select(a => Has(found.Associations, x => x.Name, a.Name, StringComparer.Ordinal) ? a with { UpdatedAt = now } : a).ToList(),
                ReplacedObjects = file.Objects.Where(o => Has(found.Objects, x => x.Name, o.Name, StringComparer.Ordinal))
                    .Select(o => new Replacement<MetadefObject>(o.Name, o with { CreatedAt = found.Objects.First(x => x.Name == o.Name).CreatedAt, UpdatedAt = now })).ToList(),
                ReplacedProperties = file.Properties.Where(p => Has(found.Properties, x => x.Name, p.Name, StringComparer.Ordinal))
                    .Select(p => new Replacement<MetadefPropertyDefinition>(p.Name, p)).ToList(),
            };
        }
        var empty = changes.AddedAssociations.Count + changes.AddedObjects.Count + changes.AddedProperties.Count + changes.AddedTags.Count
            + changes.ReplacedObjects.Count + changes.ReplacedProperties.Count == 0;
        return empty ? null : changes;
    }
}
