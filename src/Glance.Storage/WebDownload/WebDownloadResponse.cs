namespace Glance.Storage.WebDownload;

/// <summary>
/// An open web-download: the body as it arrives from the network, its announced length, and the response that owns
/// the connection. Dispose it to release the connection.
/// </summary>
public sealed record WebDownloadResponse(Stream Content, long? ContentLength, Uri FinalUri, IDisposable Owner)
    : IDisposable, IAsyncDisposable
{
    public void Dispose()
    {
        Content.Dispose();
        Owner.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        Owner.Dispose();
    }
}
