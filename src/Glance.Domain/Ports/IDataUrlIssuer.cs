namespace Glance.Domain.Ports;

/// <summary>
/// Issues short-lived SAS URLs for one image's blob: create+write only for uploads, read only for downloads.
/// Two implementations: the account key (Azurite) and a user delegation key (Azure, where shared keys are off).
/// </summary>
public interface IDataUrlIssuer
{
    Task<Uri> IssueUploadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default);

    Task<Uri> IssueDownloadUrlAsync(string imageId, DateTimeOffset expiresOn, CancellationToken cancellationToken = default);
}
