namespace Glance.Domain.Ports;

/// <summary>Fetches a web-download import's URL, re-checking the import filter on every redirect.</summary>
public interface IWebDownloader
{
    /// <summary>Throws Glance's 400 when the URL (or a redirect) is not allowed; without connecting to it.</summary>
    Task EnsureAllowedAsync(Uri uri, CancellationToken cancellationToken = default);

    /// <summary>The response body, streamed; disposing it releases the connection.</summary>
    Task<Stream> OpenAsync(Uri uri, CancellationToken cancellationToken = default);
}
