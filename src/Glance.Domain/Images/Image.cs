using Glance.Domain.Data;
using Glance.Domain.Errors;

namespace Glance.Domain.Images;

/// <summary>
/// The image aggregate: Glance's core properties, its tags and its extra (string) properties.
/// Status changes only through named methods that consult <see cref="ImageStatusTransitions"/>.
/// </summary>
public sealed class Image
{
    public Image(string id, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public string Id { get; }
    // The attributes a caller chooses are given when the image is made (init) and changed after only through the
    // named operations below, which the attribute writer and the services call.
    private string? _name;
    private string _visibility = ImageVisibility.Shared;
    private bool _protected;
    private bool _osHidden;
    private string? _owner;
    private int _minDisk;
    private int _minRam;
    private string? _diskFormat;
    private string? _containerFormat;

    public string? Name { get => _name; init => _name = value; }
    public ImageStatus Status { get; private set; } = ImageStatus.Queued;
    public string Visibility { get => _visibility; init => _visibility = value; }
    public bool Protected { get => _protected; init => _protected = value; }
    public bool OsHidden { get => _osHidden; init => _osHidden = value; }
    public string? Owner { get => _owner; init => _owner = value; }
    public int MinDisk { get => _minDisk; init => _minDisk = value; }
    public int MinRam { get => _minRam; init => _minRam = value; }
    public string? DiskFormat { get => _diskFormat; init => _diskFormat = value; }
    public string? ContainerFormat { get => _containerFormat; init => _containerFormat = value; }
    public long? Size { get; private set; }
    public long? VirtualSize { get; private set; }
    public string? Checksum { get; private set; }
    public string? OsHashAlgo { get; private set; }
    public string? OsHashValue { get; private set; }
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    /// <summary>Until when a deleted image may be restored; null when it was deleted without retention, or once purged.</summary>
    public DateTimeOffset? RestorableUntil { get; private set; }

    /// <summary>The status a retained image had when it was deleted: what a restore brings back.</summary>
    public ImageStatus? StatusBeforeDeletion { get; private set; }

    public void Rename(string? name) => _name = name;

    public void ChangeVisibility(string visibility) => _visibility = visibility;

    public void ChangeProtection(bool isProtected) => _protected = isProtected;

    public void ChangeHidden(bool hidden) => _osHidden = hidden;

    public void TransferTo(string? owner) => _owner = owner;

    public void RequireMinimumDisk(int gigabytes) => _minDisk = gigabytes;

    public void RequireMinimumRam(int megabytes) => _minRam = megabytes;

    public void ChangeDiskFormat(string? diskFormat) => _diskFormat = diskFormat;

    public void ChangeContainerFormat(string? containerFormat) => _containerFormat = containerFormat;

    private readonly List<string> _tags = [];
    private readonly Dictionary<string, string> _extraProperties = new(StringComparer.Ordinal);

    /// <summary>Tags in insertion order; a set (Glance's image_tags).</summary>
    public IReadOnlyList<string> Tags => _tags;

    /// <summary>Extra properties in insertion order; values are always strings.</summary>
    public IReadOnlyDictionary<string, string> ExtraProperties => _extraProperties;

    /// <summary>Adds a tag unless present (set semantics); false when it was there already.</summary>
    public bool AddTag(string tag)
    {
        if (_tags.Contains(tag, StringComparer.Ordinal))
        {
            return false;
        }
        _tags.Add(tag);
        return true;
    }

    /// <summary>False when the image had no such tag.</summary>
    public bool RemoveTag(string tag) => _tags.Remove(tag);

    /// <summary>Replaces every tag, keeping the first of repeated ones in their order.</summary>
    public void ReplaceTags(IEnumerable<string> tags)
    {
        _tags.Clear();
        foreach (var tag in tags)
        {
            AddTag(tag);
        }
    }

    public void SetProperty(string key, string value) => _extraProperties[key] = value;

    /// <summary>False when the image had no such property.</summary>
    public bool RemoveProperty(string key) => _extraProperties.Remove(key);

    /// <summary>
    /// The lease that seals this image's blob: held from the moment the service writes or validates the bytes,
    /// never given to clients, so no upload URL still in someone's hands can change sealed bytes.
    /// </summary>
    public string? DataLeaseId { get; private set; }

    private readonly List<string> _stores = [];

    /// <summary>
    /// The stores holding the image's validated bytes, in the order they received them (Glance's locations, shown as
    /// <c>stores</c>); empty without multistore, where the one store holds them.
    /// </summary>
    public IReadOnlyList<string> Stores => _stores;

    /// <summary>The store an operation in progress writes or reads the sealed bytes in; null for the one store without multistore.</summary>
    public string? DataStore { get; private set; }

    /// <summary>True while the image waits for bytes through an upload URL (the blob trigger validates them).</summary>
    public bool AwaitsDirectUpload { get; private set; }

    /// <summary>What the uploader declared the bytes will be; checked when they are validated.</summary>
    public UploadExpectations Expectations { get; private set; } = UploadExpectations.None;

    public bool IsDeleted => Status == ImageStatus.Deleted;

    /// <summary>A deleted image whose retention window is still open.</summary>
    public bool IsRestorable(DateTimeOffset now) => IsDeleted && RestorableUntil > now;

    /// <summary>
    /// A deleted image that keeps its validated bytes for a restore. An image deleted before its bytes were complete
    /// keeps none: they go with the delete, and a restore brings it back queued.
    /// </summary>
    public bool RetainsData => IsDeleted && RestorableUntil is not null && StatusBeforeDeletion is ImageStatus.Active or ImageStatus.Deactivated;

    public void Touch(DateTimeOffset now) => UpdatedAt = now;

    /// <summary>Glance's import lock (an os_glance_ property, shown to clients as Glance shows it).</summary>
    public const string ImportTaskProperty = "os_glance_import_task";

    public string? ImportTask => ExtraProperties.GetValueOrDefault(ImportTaskProperty);

    /// <summary>
    /// queued → saving, for PUT /file; the bytes will be written under <paramref name="leaseId"/> into
    /// <paramref name="store"/>, and must match what the client <paramref name="declared"/>.
    /// </summary>
    public void BeginSaving(string leaseId, DateTimeOffset now, string? store = null, UploadExpectations? declared = null)
    {
        EnsureQueuedForData(ImageStatus.Saving);
        ChangeStatus(ImageStatus.Saving, now);
        DataLeaseId = leaseId;
        DataStore = store;
        Expectations = declared ?? UploadExpectations.None;
    }

    /// <summary>
    /// queued → uploading for an upload URL; again while uploading (a fresh URL for the same blob). The lease that
    /// will seal the uploaded blob is chosen now, so every delivery of the blob's event seals it with the same id.
    /// </summary>
    public void AwaitDirectUpload(UploadExpectations expectations, DateTimeOffset now, string? store = null)
    {
        if (Status == ImageStatus.Uploading && AwaitsDirectUpload)
        {
            Expectations = expectations;
            DataStore = store;
            UpdatedAt = now;
            return;
        }
        EnsureQueuedForData(ImageStatus.Uploading);
        ChangeStatus(ImageStatus.Uploading, now);
        AwaitsDirectUpload = true;
        Expectations = expectations;
        DataLeaseId = Guid.NewGuid().ToString();
        DataStore = store;
    }

    /// <summary>
    /// queued → uploading while PUT /stage writes the bytes under <paramref name="leaseId"/> into <paramref name="store"/>;
    /// the import validates them against what the client <paramref name="declared"/>.
    /// </summary>
    public void Stage(string leaseId, DateTimeOffset now, string? store = null, UploadExpectations? declared = null)
    {
        EnsureQueuedForData(ImageStatus.Uploading);
        ChangeStatus(ImageStatus.Uploading, now);
        DataLeaseId = leaseId;
        DataStore = store;
        DataStaged = false;
        Expectations = declared ?? UploadExpectations.None;
    }

    /// <summary>The staged bytes are all written: glance-direct may import them. Glance shows their size meanwhile.</summary>
    public void MarkStaged(string leaseId, long size, DateTimeOffset now)
    {
        if (Status != ImageStatus.Uploading || DataLeaseId != leaseId || AwaitsDirectUpload || ImportTask is not null)
        {
            throw GlanceErrors.ImageChangedWhileStaging(Id);
        }
        DataStaged = true;
        Size = size;
        UpdatedAt = now;
    }

    /// <summary>True once PUT /stage finished writing; only then may glance-direct import.</summary>
    public bool DataStaged { get; private set; }

    /// <summary>Glance's preconditions of an import method, checked on the very copy that will be saved.</summary>
    public void EnsureImportable(string method)
    {
        // Glance checks the status before the lock: an active image is only ever copied.
        if (method == Importing.ImportRequest.CopyImage && Status != ImageStatus.Active)
        {
            throw GlanceErrors.CopyNeedsActiveImage();
        }
        if (method != Importing.ImportRequest.CopyImage && Status == ImageStatus.Active)
        {
            throw GlanceErrors.ActiveImageNotImportable();
        }
        if (ImportTask is not null)
        {
            throw GlanceErrors.ImportInProgress();
        }
        if (method == Importing.ImportRequest.GlanceDirect && !(Status == ImageStatus.Uploading && DataStaged && !AwaitsDirectUpload))
        {
            throw GlanceErrors.ImageNotStaged();
        }
        if (method == Importing.ImportRequest.WebDownload && Status != ImageStatus.Queued)
        {
            throw GlanceErrors.WebDownloadNeedsQueuedImage(Id);
        }
    }

    /// <summary>
    /// The locations API's preconditions (Glance's add_location): a queued image (409), with its formats set, as for
    /// any data (400), and no import holding its lock (409).
    /// </summary>
    public void EnsureLocationAddable()
    {
        if (Status != ImageStatus.Queued)
        {
            throw GlanceErrors.AddLocationNeedsQueuedImage(Status);
        }
        EnsureFormatsSet();
        if (ImportTask is not null)
        {
            throw GlanceErrors.ImportInProgress();
        }
    }

    /// <summary>
    /// → importing under Glance's import lock (a task id), with the bytes sealed under <paramref name="leaseId"/> (in
    /// <paramref name="store"/> when given: a web-download's first store; staged bytes stay where they are). Facts the
    /// import request <paramref name="declared"/> replace those declared at staging.
    /// </summary>
    public void BeginImport(string taskId, string leaseId, DateTimeOffset now, string? store = null, UploadExpectations? declared = null)
    {
        if (ImportTask is not null)
        {
            throw GlanceErrors.ImportInProgress();
        }
        EnsureFormatsSet();
        ChangeStatus(ImageStatus.Importing, now);
        _extraProperties[ImportTaskProperty] = taskId;
        DataLeaseId = leaseId;
        DataStore = store ?? DataStore;
        AwaitsDirectUpload = false;
        if (declared is { IsNone: false })
        {
            Expectations = declared;
        }
    }

    /// <summary>
    /// copy-image begins: the active image stays active under Glance's import lock (<paramref name="taskId"/>), importing
    /// to <paramref name="stores"/>.
    /// </summary>
    public void BeginCopy(string taskId, IReadOnlyList<string> stores, DateTimeOffset now)
    {
        EnsureImportable(Importing.ImportRequest.CopyImage);
        _extraProperties[ImportTaskProperty] = taskId;
        BeginImportingTo(stores);
        UpdatedAt = now;
    }

    /// <summary>
    /// copy-image under <paramref name="taskId"/> ends: its lock goes, and so do the <paramref name="revoked"/> stores it
    /// had added (Glance takes back a copy-image's locations when a store fails and all had to succeed).
    /// </summary>
    public void EndCopy(string taskId, IReadOnlyList<string> revoked, DateTimeOffset now)
    {
        if (ImportTask != taskId)
        {
            throw GlanceErrors.ImageNoLongerImportingUnder(Id, taskId);
        }
        _extraProperties.Remove(ImportTaskProperty);
        _stores.RemoveAll(revoked.Contains);
        UpdatedAt = now;
    }

    /// <summary>
    /// Glance's lock busting: the lock of <paramref name="expiredTaskId"/> has expired, so it goes, and so does that task's
    /// progress (<paramref name="itsStores"/> leave the importing and failed lists); false when another task holds it now.
    /// </summary>
    public bool ReleaseExpiredImportLock(string expiredTaskId, IReadOnlyList<string> itsStores)
    {
        if (ImportTask != expiredTaskId)
        {
            return false;
        }
        _extraProperties.Remove(ImportTaskProperty);
        if (itsStores.Count > 0)
        {
            MergeStoreList(ImportingToStoresProperty, itsStores, subtract: true);
            MergeStoreList(FailedImportProperty, itsStores, subtract: true);
        }
        return true;
    }

    /// <summary>
    /// Glance's import lock takeover: the import under <paramref name="staleTaskId"/> died, and the task
    /// <paramref name="taskId"/> takes its lock (and its sealed bytes) over; the image stays importing.
    /// </summary>
    public void TakeOverImport(string staleTaskId, string taskId, DateTimeOffset now)
    {
        if (Status != ImageStatus.Importing || ImportTask != staleTaskId)
        {
            throw GlanceErrors.ImageNoLongerImportingUnder(Id, staleTaskId);
        }
        _extraProperties[ImportTaskProperty] = taskId;
        UpdatedAt = now;
    }

    /// <summary>
    /// saving/importing → active with the validated facts; the bytes stay sealed under the data lease, held by
    /// <paramref name="stores"/> (by default the operation's store, none without multistore).
    /// </summary>
    public void Activate(ImageDataFacts facts, long? virtualSize, DateTimeOffset now, IReadOnlyList<string>? stores = null)
    {
        if (Status is not (ImageStatus.Saving or ImageStatus.Importing))
        {
            throw GlanceErrors.StatusTransitionNotAllowed(Status, ImageStatus.Active);
        }
        EnsureFormatsSet();
        ChangeStatus(ImageStatus.Active, now);
        RecordData(facts.Size, virtualSize, facts.Checksum, facts.OsHashAlgo, facts.OsHashValue);
        _stores.Clear();
        _stores.AddRange(stores ?? (DataStore is null ? [] : [DataStore]));
        DataStore = null;
        ClearUploadState();
    }

    /// <summary>
    /// An import into several stores that need not all succeed goes on once the image is active (Glance activates it at
    /// the first store that holds the bytes): the lock of <paramref name="taskId"/> stays, as copy-image's, until the
    /// other stores were tried (<see cref="EndCopy"/>).
    /// </summary>
    public void HoldImportLock(string taskId)
    {
        if (Status != ImageStatus.Active)
        {
            throw GlanceErrors.CopyNeedsActiveImage();
        }
        _extraProperties[ImportTaskProperty] = taskId;
    }

    /// <summary>A sealed copy of the active image's bytes arrived in <paramref name="store"/> (copy-image).</summary>
    public void AddStore(string store, DateTimeOffset now)
    {
        if (Status != ImageStatus.Active)
        {
            throw GlanceErrors.CopyNeedsActiveImage();
        }
        if (!_stores.Contains(store, StringComparer.Ordinal))
        {
            _stores.Add(store);
        }
        UpdatedAt = now;
    }

    /// <summary>
    /// DELETE /v2/stores/{store}/{id}: the copy in <paramref name="store"/> goes, in Glance's order of refusals: an
    /// image not active (409), its only store (403), a store not holding it (404).
    /// </summary>
    public void RemoveStore(string store, DateTimeOffset now)
    {
        if (Status != ImageStatus.Active)
        {
            throw GlanceErrors.DeleteFromStoreNeedsActiveImage();
        }
        if (_stores.Count <= 1)
        {
            throw GlanceErrors.CannotDeleteOnlyStore();
        }
        if (!_stores.Remove(store))
        {
            throw GlanceErrors.ImageNotInStore(Id, store);
        }
        UpdatedAt = now;
    }

    /// <summary>Glance's import bookkeeping, as comma lists: the stores an import still has to fill, and those it failed.</summary>
    public const string ImportingToStoresProperty = "os_glance_importing_to_stores";

    public const string FailedImportProperty = "os_glance_failed_import";

    /// <summary>An import begins for <paramref name="stores"/>: they are importing, and no longer failed.</summary>
    public void BeginImportingTo(IEnumerable<string> stores)
    {
        var list = stores.ToList();
        MergeStoreList(ImportingToStoresProperty, list, subtract: false);
        MergeStoreList(FailedImportProperty, list, subtract: true);
    }

    /// <summary>The import is done with <paramref name="store"/>: no longer importing, and failed unless it succeeded.</summary>
    public void FinishImportTo(string store, bool succeeded)
    {
        MergeStoreList(ImportingToStoresProperty, [store], subtract: true);
        if (!succeeded)
        {
            MergeStoreList(FailedImportProperty, [store], subtract: false);
        }
    }

    // Glance keeps each list as a sorted, comma-joined set, written even when empty.
    private void MergeStoreList(string key, IReadOnlyList<string> stores, bool subtract)
    {
        var existing = ExtraProperties.GetValueOrDefault(key, "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (subtract)
        {
            existing.ExceptWith(stores);
        }
        else
        {
            existing.UnionWith(stores.Where(s => s.Length > 0));
        }
        _extraProperties[key] = string.Join(",", existing.Order(StringComparer.Ordinal));
    }

    /// <summary>Back to queued after a failed upload or validation, as Glance does, so the user may retry.</summary>
    public void ReturnToQueued(DateTimeOffset now)
    {
        ChangeStatus(ImageStatus.Queued, now);
        ForgetData();
    }

    private void ForgetData()
    {
        Size = null;
        VirtualSize = null;
        Checksum = null;
        OsHashAlgo = null;
        OsHashValue = null;
        DataLeaseId = null;
        DataStore = null;
        _stores.Clear();
        ClearUploadState();
    }

    private void ClearUploadState()
    {
        AwaitsDirectUpload = false;
        DataStaged = false;
        Expectations = UploadExpectations.None;
        _extraProperties.Remove(ImportTaskProperty);
    }

    private void EnsureQueuedForData(ImageStatus target)
    {
        if (Status != ImageStatus.Queued)
        {
            throw GlanceErrors.StatusTransitionNotAllowed(Status, target);
        }
        EnsureFormatsSet();
    }

    private void EnsureFormatsSet()
    {
        var missing = new[] { ("disk_format", DiskFormat), ("container_format", ContainerFormat) }.Where(p => p.Item2 is null).Select(p => p.Item1).ToList();
        if (missing.Count > 0)
        {
            throw GlanceErrors.PropertiesRequiredForData(missing);
        }
    }

    /// <summary>active → deactivated (idempotent); Glance answers 403 from any other status.</summary>
    public void Deactivate(DateTimeOffset now)
    {
        if (Status == ImageStatus.Deactivated)
        {
            return;
        }
        if (Status != ImageStatus.Active)
        {
            throw GlanceErrors.DeactivateNotAllowed(Status);
        }
        ChangeStatus(ImageStatus.Deactivated, now);
    }

    /// <summary>deactivated → active (idempotent); Glance answers 403 from any other status.</summary>
    public void Reactivate(DateTimeOffset now)
    {
        if (Status == ImageStatus.Active)
        {
            return;
        }
        if (Status != ImageStatus.Deactivated)
        {
            throw GlanceErrors.ReactivateNotAllowed(Status);
        }
        ChangeStatus(ImageStatus.Active, now);
    }

    /// <param name="retention">How long the image may be restored; zero deletes it for good, as Glance does.</param>
    public void MarkDeleted(DateTimeOffset now, TimeSpan retention = default)
    {
        ImageStatusTransitions.EnsureAllowed(Status, ImageStatus.Deleted, GlanceErrorKind.Invalid);
        if (retention > TimeSpan.Zero)
        {
            StatusBeforeDeletion = Status;
            RestorableUntil = now + retention;
        }
        Status = ImageStatus.Deleted;
        DeletedAt = now;
        UpdatedAt = now;
    }

    /// <summary>
    /// POST /v2/images/{id}/actions/restore (ours): a deleted image within its window comes back with the status
    /// <see cref="ImageStatusTransitions.RestoredStatus"/> gives, its properties, tags and members; 409 when it is
    /// not deleted, 404 when it cannot be restored (no window, or the window ended).
    /// </summary>
    public void Undelete(DateTimeOffset now)
    {
        if (!IsDeleted)
        {
            throw GlanceErrors.ImageNotDeleted(Id);
        }
        if (!IsRestorable(now) || StatusBeforeDeletion is not { } before)
        {
            throw GlanceErrors.ImageNotFound(Id);
        }
        Status = ImageStatusTransitions.RestoredStatus(before);
        if (Status != before)
        {
            // Its bytes were incomplete and went with the delete: back to queued as after a failed upload.
            ForgetData();
        }
        DeletedAt = null;
        RestorableUntil = null;
        StatusBeforeDeletion = null;
        UpdatedAt = now;
    }

    /// <summary>The retention window ended and the bytes are purged: the image can no longer be restored.</summary>
    public void EndRetention()
    {
        if (!IsDeleted)
        {
            throw new InvalidOperationException($"Image {Id} is not deleted; only a deleted image's retention ends.");
        }
        RestorableUntil = null;
        StatusBeforeDeletion = null;
    }

    /// <summary>Sets the status through the transition table; going back to queued clears the data facts, as Glance does.</summary>
    internal void ChangeStatus(ImageStatus to, DateTimeOffset now)
    {
        ImageStatusTransitions.EnsureAllowed(Status, to);
        Status = to;
        if (to == ImageStatus.Queued)
        {
            Size = null;
            VirtualSize = null;
        }
        UpdatedAt = now;
    }

    internal void RecordData(long size, long? virtualSize, string checksum, string osHashAlgo, string osHashValue)
    {
        Size = size;
        VirtualSize = virtualSize;
        Checksum = checksum;
        OsHashAlgo = osHashAlgo;
        OsHashValue = osHashValue;
    }

    /// <summary>Rebuilds an image exactly as stored; only repositories call this.</summary>
    public static Image Restore(ImageSnapshot s)
    {
        var image = new Image(s.Id, s.CreatedAt)
        {
            Name = s.Name,
            Visibility = s.Visibility,
            Protected = s.Protected,
            OsHidden = s.OsHidden,
            Owner = s.Owner,
            MinDisk = s.MinDisk,
            MinRam = s.MinRam,
            DiskFormat = s.DiskFormat,
            ContainerFormat = s.ContainerFormat,
            DataLeaseId = s.DataLeaseId,
            AwaitsDirectUpload = s.AwaitsDirectUpload,
            Expectations = s.Expectations ?? UploadExpectations.None,
            DataStaged = s.DataStaged,
            DataStore = s.DataStore,
        };
        image._stores.AddRange(s.Stores ?? []);
        image.Status = s.Status;
        image.Size = s.Size;
        image.VirtualSize = s.VirtualSize;
        image.Checksum = s.Checksum;
        image.OsHashAlgo = s.OsHashAlgo;
        image.OsHashValue = s.OsHashValue;
        image.UpdatedAt = s.UpdatedAt;
        image.DeletedAt = s.DeletedAt;
        image.RestorableUntil = s.RestorableUntil;
        image.StatusBeforeDeletion = s.StatusBeforeDeletion;
        image._tags.AddRange(s.Tags);
        foreach (var (key, value) in s.ExtraProperties)
        {
            image._extraProperties[key] = value;
        }
        return image;
    }

    public ImageSnapshot ToSnapshot() => new(
        Id, Name, Status, Visibility, Protected, OsHidden, Owner, MinDisk, MinRam, DiskFormat, ContainerFormat,
        Size, VirtualSize, Checksum, OsHashAlgo, OsHashValue, CreatedAt, UpdatedAt, DeletedAt,
        [.. Tags], ExtraProperties.ToList(), DataLeaseId, AwaitsDirectUpload, Expectations, DataStaged, RestorableUntil, StatusBeforeDeletion,
        [.. Stores], DataStore);
}
