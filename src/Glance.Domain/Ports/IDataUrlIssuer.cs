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

    /// <summary>Ends every download URL issued for the image so far (their bytes stop answering at once).</summary>
    Task RevokeDownloadUrlsAsync(string imageId, CancellationToken cancellationToken = default);
}
