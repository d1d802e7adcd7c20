using Glance.Domain.Importing;
using Glance.Domain.Ports;

namespace Glance.Storage.WebDownload;

/// <summary>The web-download import's port over the filter and the redirect-checking client.</summary>
public sealed class WebDownloader(WebDownloadUriFilter filter, WebDownloadClient client) : IWebDownloader
{
    public async Task EnsureAllowedAsync(Uri uri, CancellationToken cancellationToken = default) =>
        await filter.EnsureAllowedAsync(uri, cancellationToken);

    public async Task<Stream> OpenAsync(Uri uri, CancellationToken cancellationToken = default) =>
        new ResponseBodyStream(await client.OpenAsync(uri, cancellationToken));
}
