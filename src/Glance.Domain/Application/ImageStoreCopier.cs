using Glance.Domain.Data;
using Glance.Domain.Errors;
using Glance.Domain.Images;
using Glance.Domain.Ports;
using Glance.Domain.Tasks;

namespace Glance.Domain.Application;

/// <summary>
/// Glance's import into several stores, store after store: the bytes, validated once, are copied server-side from
/// the store that holds them into each other store (<see cref="IImageDataStore.CopyAsync"/>: no byte through the
/// service), sealed as the first, and the copy is read and hashed before it counts: its size, MD5 and multihash must be
/// the image's. The image's <c>os_glance_importing_to_stores</c> / <c>os_glance_failed_import</c> follow each store
/// (compare-and-set). A store that fails fails the import when all stores must succeed, else is only recorded.
/// <para>
/// Why read the copy rather than trust its Content-MD5: Blob Storage computes that header only for a blob written in
/// one request; a blob committed from blocks (every upload URL's, every image above 8 MiB here) has none or one its
/// writer declared, and a copy carries the source's header over without computing anything.
/// </para>
/// </summary>
public sealed class ImageStoreCopier(IImageDataStore data, ImageDataFlow flow, ImageTaskRecorder tasks, ImageDataOptions options, TimeProvider clock)
{
    /// <summary>
    /// An import's bytes, validated in <paramref name="source"/> as <paramref name="facts"/>, into the task's stores in
    /// order; the stores that hold them, for the activation. A verdict on the bytes (the format rules, the declared
    /// facts) comes first, before anything is copied. When all stores must succeed, every store is tried before the
    /// activation; when not, as Glance, the image is activated at the first store that holds the bytes, and the stores
    /// after it follow the activation (<see cref="ImportToRemainingStoresAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<string>> ImportToStoresAsync(
        ImageTask task, Image image, string source, string leaseId, ImageDataFacts facts, CancellationToken cancellationToken)
    {
        ImageDataRules.Evaluate(image, facts, image.Expectations, options);
        var held = new List<string>();
        foreach (var store in task.Input.Stores ?? [source])
        {
            var failure = store == source ? null
                : await CopyAsync(image.Id, [source], store, leaseId, Recorded.Of(facts), cancellationToken);
            await flow.ChangeAsync(image.Id, i => i.FinishImportTo(store, failure is null), cancellationToken);
            if (failure is null)
            {
                held.Add(store);
                if (!task.Input.AllStoresMustSucceed)
                {
                    return held;
                }
            }
            else if (task.Input.AllStoresMustSucceed)
            {
                throw GlanceErrors.ImportToStoreFailed(store, failure);
            }
        }
        return held.Count > 0 ? held : throw GlanceErrors.NoStoreSucceeded();
    }

    /// <summary>
    /// After an activation at the first store (all stores need not succeed): the task's stores after those the image
    /// holds get their copies as copy-image's do, a failed one recorded in <c>os_glance_failed_import</c>; then the
    /// task's lock goes. The answer says where the copies went, for the task's message.
    /// </summary>
    public async Task<string> ImportToRemainingStoresAsync(ImageTask task, Image active, string leaseId, CancellationToken cancellationToken)
    {
        var stores = task.Input.Stores ?? [];
        var last = stores.ToList().FindLastIndex(active.Stores.Contains);
        var run = await CopyIntoAsync(task, active, stores.Skip(last + 1).ToList(), leaseId, Recorded.Of(active), stopAtFailure: false, cancellationToken);
        await flow.ChangeAsync(active.Id, i => i.EndCopy(task.Id, [], clock.GetUtcNow()), CancellationToken.None);
        return run.Failed.Count == 0 ? "" : $"Failed: {string.Join("; ", run.Failed)}.";
    }

    /// <summary>
    /// copy-image: the active image's bytes into the task's stores, each added to the image's <c>stores</c> as it
    /// arrives (the image stays active and readable throughout). When all must succeed and one fails, the stores this
    /// task added are taken back and their copies deleted, as Glance reverts; the task fails. Otherwise it succeeds,
    /// failed stores recorded in <c>os_glance_failed_import</c>.
    /// </summary>
    public async Task CopyImageAsync(ImageTask task, Image image, CancellationToken cancellationToken)
    {
        var leaseId = image.DataLeaseId ?? Guid.NewGuid().ToString();
        var run = await CopyIntoAsync(task, image, task.Input.Stores ?? [], leaseId, Recorded.Of(image), task.Input.AllStoresMustSucceed, cancellationToken);
        if (run.StoppedBy is { } stop)
        {
            await flow.ChangeAsync(image.Id, i => i.EndCopy(task.Id, run.Added, clock.GetUtcNow()), CancellationToken.None);
            foreach (var copy in run.Added)
            {
                await data.DeleteCopyAsync(image.Id, copy, CancellationToken.None);
            }
            await tasks.FailAsync(task, stop.Message);
            return;
        }
        await flow.ChangeAsync(image.Id, i => i.EndCopy(task.Id, [], clock.GetUtcNow()), CancellationToken.None);
        await tasks.SucceedAsync(task, run.Failed.Count == 0
            ? $"Copied image {image.Id} to {string.Join(", ", run.Added)}."
            : $"Copied image {image.Id} to {(run.Added.Count == 0 ? "no store" : string.Join(", ", run.Added))}; failed: {string.Join("; ", run.Failed)}.");
    }

    /// <summary>
    /// Each of <paramref name="stores"/> in turn gets a verified copy of the active image from a store holding it and
    /// joins its <c>stores</c> (a compare-and-set under the task's lock); a failed one is recorded, and ends the run when
    /// <paramref name="stopAtFailure"/>.
    /// </summary>
    private async Task<CopyRun> CopyIntoAsync(
        ImageTask task, Image image, IReadOnlyList<string> stores, string leaseId, Recorded facts, bool stopAtFailure, CancellationToken cancellationToken)
    {
        var run = new CopyRun();
        foreach (var store in stores)
        {
            var failure = await CopyAsync(image.Id, image.Stores, store, leaseId, facts, cancellationToken);
            await flow.ChangeAsync(image.Id, i =>
            {
                if (i.ImportTask != task.Id)
                {
                    throw GlanceErrors.ImageNoLongerImportingUnder(i.Id, task.Id);
                }
                if (failure is null)
                {
                    i.AddStore(store, clock.GetUtcNow());
                }
                i.FinishImportTo(store, failure is null);
            }, cancellationToken);
            if (failure is null)
            {
                run.Added.Add(store);
                continue;
            }
            run.Failed.Add($"{store}: {failure}");
            if (stopAtFailure)
            {
                run.StoppedBy = GlanceErrors.ImportToStoreFailed(store, failure);
                break;
            }
        }
        return run;
    }

    /// <summary>
    /// Copies the image from the first of <paramref name="sources"/> that can into <paramref name="target"/>, sealed
    /// under <paramref name="leaseId"/>, then reads and hashes the copy: null when it is the image's bytes, else why
    /// not (the copy is deleted then).
    /// </summary>
    private async Task<string?> CopyAsync(
        string imageId, IReadOnlyList<string> sources, string target, string leaseId, Recorded expected, CancellationToken cancellationToken)
    {
        string failure = "no store holds the image's bytes";
        foreach (var source in sources.Where(s => s != target))
        {
            try
            {
                await data.CopyAsync(imageId, source, target, leaseId, cancellationToken);
                var copy = await flow.ReadAndHashAsync(imageId, target, cancellationToken);
                var mismatch = copy.Size != expected.Size ? "size"
                    : !string.Equals(copy.Checksum, expected.Checksum, StringComparison.OrdinalIgnoreCase) ? "checksum"
                    // An image hashed under another hashing_algorithm than today's is judged by its MD5 alone.
                    : copy.OsHashAlgo == expected.OsHashAlgo && !string.Equals(copy.OsHashValue, expected.OsHashValue, StringComparison.OrdinalIgnoreCase) ? "os_hash_value"
                    : null;
                if (mismatch is null)
                {
                    return null;
                }
                failure = GlanceErrors.CopyDoesNotMatch(target, mismatch).Message;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failure = e is GlanceException ? e.Message : $"the copy from store {source} failed ({e.GetType().Name})";
            }
            await data.InStore(target).DeleteSealedAsync(imageId, leaseId, CancellationToken.None);
        }
        return failure;
    }

    /// <summary>What the image records of its bytes, which every copy must match.</summary>
    private sealed record Recorded(long Size, string? Checksum, string? OsHashAlgo, string? OsHashValue)
    {
        public static Recorded Of(ImageDataFacts facts) => new(facts.Size, facts.Checksum, facts.OsHashAlgo, facts.OsHashValue);

        public static Recorded Of(Image image) => new(image.Size ?? 0, image.Checksum, image.OsHashAlgo, image.OsHashValue);
    }

    /// <summary>Where a run of copies went: stores added, stores failed (with why), and the failure that ended it early.</summary>
    private sealed class CopyRun
    {
        public List<string> Added { get; } = [];
        public List<string> Failed { get; } = [];
        public GlanceException? StoppedBy { get; set; }
    }
}
