using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Identity;
using Glance.Domain.Policy;
using Glance.Domain.Ports;
using static Glance.Domain.Policy.MetadefPolicyDefaults;

namespace Glance.Domain.Metadefs;

/// <summary>
/// What every change of a namespace's contents starts and ends with: finding the namespace as Glance's controllers do
/// (one the caller may not see is "Namespace X not found"), and deciding again on fresh state when a compare-and-set
/// loses, up to the configured attempts, then 409.
/// </summary>
public sealed class MetadefAttempts(IMetadefNamespaceRepository repository, MetadefPolicy policy, ImageServiceOptions options)
{
    /// <param name="databaseWordsMissing">
    /// Glance's object and property controllers let the database's "Metadata definition namespace=X was not found."
    /// through for a namespace that does not exist, and say "Namespace X not found" only for one the caller may not see.
    /// </param>
    public async Task<NamespaceDetail> FindAsync(Caller caller, string name, bool withContents, CancellationToken cancellationToken, bool databaseWordsMissing = false)
    {
        var found = await repository.FindAsync(name, withContents, cancellationToken);
        if (found is null && databaseWordsMissing)
        {
            throw GlanceErrors.NamespaceNotFound(name);
        }
        if (found is null || !policy.IsVisible(caller, found.Namespace))
        {
            throw GlanceErrors.NamespaceToChangeNotFound(name);
        }
        return found;
    }

    public Task<T> RetryAsync<T>(string name, Func<Task<T>> attempt, CancellationToken cancellationToken) =>
        Application.CompareAndSetRetry.RunAsync(_ => attempt(), recentFirst: false, options.UpdateAttempts, TimeProvider.System,
            () => GlanceErrors.NamespaceChangedMeanwhile(name), cancellationToken);

    /// <summary>
    /// DELETE of a namespace's objects, properties or tags (<paramref name="removeAll"/> says which, <paramref name="report"/>
    /// the event that reports it): Glance checks only the namespace's delete rule, and its protection.
    /// </summary>
    public Task EmptyAsync(Caller caller, string name, ContentChanges removeAll, Func<MetadefNamespace, MetadefEvent> report, CancellationToken cancellationToken) =>
        RetryAsync(name, async () =>
        {
            var found = await FindAsync(caller, name, withContents: false, cancellationToken);
            policy.Enforce(DeleteNamespace, caller, found.Namespace);
            if (found.Namespace.Protected)
            {
                throw GlanceErrors.NamespaceProtected(name);
            }
            await repository.SaveContentsAsync(found, removeAll, [report(found.Namespace)], cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// DELETE of one object, property or tag, in Glance's order: the rule, the child (404 when it is not there), the
    /// namespace's protection, then the removal and its event (<paramref name="report"/>, given the namespace's name) in
    /// one compare-and-set.
    /// </summary>
    public Task RemoveAsync<TChild>(
        Caller caller, string name, string rule, Func<NamespaceDetail, TChild> find, Func<TChild, GlanceException> protectedError,
        Func<TChild, ContentChanges> removal, Func<string, TChild, MetadefEvent> report, CancellationToken cancellationToken, bool databaseWordsMissing = false) =>
        RetryAsync(name, async () =>
        {
            var found = await FindAsync(caller, name, withContents: true, cancellationToken, databaseWordsMissing);
            policy.Enforce(rule, caller, found.Namespace);
            var child = find(found);
            if (found.Namespace.Protected)
            {
                throw protectedError(child);
            }
            await repository.SaveContentsAsync(found, removal(child), [report(found.Namespace.Name, child)], cancellationToken);
            return true;
        }, cancellationToken);
}
