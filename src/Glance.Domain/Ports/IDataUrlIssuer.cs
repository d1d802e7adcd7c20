namespace Glance.Domain.Ports;

/// <summary>
/// Issues short-lived SAS URLs for one image: create+write on its blob in the upload area for uploads, read-only on
/// a revocable snapshot of its served blob for downloads. Two implementations: the account key (Azurite) and a user
/// delegation key (Azure, where shared keys are off).
/// </summary>
public interface IDataUrlIssuer
{
    Task<Uri> IssueUploadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default);

    Task<Uri> IssueDownloadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default);

    /// <summary>
    /// A download URL for the copy in the first of <paramref name="stores"/> that can serve it (a store whose container or
    /// copy is missing, or that is out of reach, is skipped).
    /// </summary>
    Task<Uri> IssueDownloadUrlAsync(string imageId, IReadOnlyList<string> stores, DateTimeOffset expiresOn, CancellationToken cancellationToken = default);

    /// <summary>Ends every download URL issued for the image so far, in every store (their bytes stop answering at once).</summary>
    Task RevokeDownloadUrlsAsync(string imageId, CancellationToken cancellationToken = default);
}
