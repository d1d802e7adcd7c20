using Glance.Domain.Errors;
using Glance.Domain.Images;
using Glance.Domain.Importing;
using Glance.Domain.Ports;

namespace Glance.Domain.Quotas;

/// <summary>
/// Glance's per-project unified limits (glance/quota/keystone.py over oslo.limit), checked explicitly by the use cases.
/// A request passes while usage before it plus what it asks for stays within the limit; what it asks for is often 0
/// (the size of an upload is unknown until its bytes arrive), so a project can overshoot a limit once, as in Glance.
/// Limits are charged to the project that owns the image. Nothing is read while every limit a check needs is unlimited.
/// </summary>
public sealed class ProjectQuotas(IProjectUsage usage, ProjectQuotaOptions options)
{
    /// <summary>POST /v2/images: image_count_total, the new image counted (delta 1).</summary>
    public Task EnsureCanCreateAsync(string? owner, CancellationToken cancellationToken = default) =>
        EnforceAsync(owner, [(QuotaResources.ImageCountTotal, 1)], null, cancellationToken);

    /// <summary>
    /// PUT /file and upload-url, before any byte: image_size_total with the declared size (0 when none is declared, as
    /// Glance always asks), then image_count_uploading with this image counted as uploading.
    /// </summary>
    public Task EnsureCanUploadAsync(Image image, long? declaredBytes, CancellationToken cancellationToken = default) =>
        EnforceAsync(image.Owner,
            [(QuotaResources.ImageSizeTotal, ProjectUsage.ToMiB(declaredBytes ?? 0)), (QuotaResources.ImageCountUploading, 0)],
            image, cancellationToken);

    /// <summary>PUT /stage: image_stage_total (delta 0), then image_count_uploading with this image counted as uploading.</summary>
    public Task EnsureCanStageAsync(Image image, CancellationToken cancellationToken = default) =>
        EnforceAsync(image.Owner, [(QuotaResources.ImageStageTotal, 0), (QuotaResources.ImageCountUploading, 0)], image, cancellationToken);

    /// <summary>
    /// POST /import: glance-direct asks image_size_total for the staged size; web-download asks image_size_total,
    /// image_stage_total and image_count_uploading (with this image counted) for nothing yet, as Glance's import flow does.
    /// </summary>
    public Task EnsureCanImportAsync(Image image, string method, CancellationToken cancellationToken = default) =>
        method == ImportRequest.GlanceDirect
            ? EnforceAsync(image.Owner, [(QuotaResources.ImageSizeTotal, ProjectUsage.ToMiB(image.Size ?? 0))], null, cancellationToken)
            : EnforceAsync(image.Owner,
                [(QuotaResources.ImageSizeTotal, 0), (QuotaResources.ImageStageTotal, 0), (QuotaResources.ImageCountUploading, 0)],
                image, cancellationToken);

    /// <summary>
    /// Once the bytes are in and their size is known, before the image may become active: image_size_total for that size.
    /// Not in Glance's unified limits (its legacy user_storage_quota rechecks like this); it stops one upload from
    /// overshooting by more than itself.
    /// </summary>
    public Task EnsureDataFitsAsync(Image image, long bytes, CancellationToken cancellationToken = default) =>
        EnforceAsync(image.Owner, [(QuotaResources.ImageSizeTotal, ProjectUsage.ToMiB(bytes))], null, cancellationToken);

    /// <summary>
    /// POST .../actions/restore (ours), for the image as it comes back: charged as its create and the upload of its
    /// bytes would be, in one usage read: image_count_total for one more image, image_size_total for the bytes it
    /// brings back (none when it comes back queued).
    /// </summary>
    public Task EnsureCanRestoreAsync(Image restored, CancellationToken cancellationToken = default)
    {
        var stored = ProjectUsage.None.Add(restored.Status, restored.Size).Of(QuotaResources.ImageSizeTotal);
        return EnforceAsync(restored.Owner, [(QuotaResources.ImageCountTotal, 1), (QuotaResources.ImageSizeTotal, stored)], null, cancellationToken);
    }

    /// <summary>GET /v2/info/usage: every limit of the project, -1 where unlimited, with its usage.</summary>
    public async Task<IReadOnlyList<QuotaUsage>> ReportAsync(string? project, CancellationToken cancellationToken = default)
    {
        var current = await usage.GetAsync(project, cancellationToken);
        return QuotaResources.All.Select(r => new QuotaUsage(r, options.LimitOf(project, r), current.Of(r))).ToList();
    }

    /// <param name="uploading">
    /// The image a request is about to move into an upload state: counted as uploading already, as Glance checks
    /// image_count_uploading after saving the new state.
    /// </param>
    private async Task EnforceAsync(
        string? project, IReadOnlyList<(string Resource, long Delta)> requested, Image? uploading, CancellationToken cancellationToken)
    {
        var limited = requested.Select(r => (r.Resource, r.Delta, Limit: options.LimitOf(project, r.Resource))).Where(r => r.Limit >= 0).ToList();
        if (limited.Count == 0)
        {
            return;
        }
        var current = await usage.GetAsync(project, cancellationToken);
        // One at a time in Glance's order, so the first limit exceeded is the one reported, as Glance's separate checks do.
        foreach (var (resource, delta, limit) in limited)
        {
            var used = current.Of(resource);
            if (resource == QuotaResources.ImageCountUploading && uploading is not null && !ProjectUsage.IsUploading(uploading.Status))
            {
                used++;
            }
            if (used + delta > limit)
            {
                throw GlanceErrors.ProjectOverLimit(project, resource, limit, used, delta);
            }
        }
    }
}
