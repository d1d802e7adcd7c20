namespace Glance.Benchmarks;

/// <summary>The two counting proxies around the service: its HTTP port, and its way to blob storage.</summary>
internal sealed class ServiceTraffic(CountingProxy http, CountingProxy blobs)
{
    public Snapshot Read()
    {
        var (toService, fromService) = http.Counts;
        var (toBlobs, fromBlobs) = blobs.Counts;
        return new Snapshot(toService, fromService, toBlobs, fromBlobs);
    }

    internal readonly record struct Snapshot(long ClientToService, long ServiceToClient, long ServiceToBlobs, long BlobsToService)
    {
        public static Snapshot operator -(Snapshot after, Snapshot before) => new(
            after.ClientToService - before.ClientToService, after.ServiceToClient - before.ServiceToClient,
            after.ServiceToBlobs - before.ServiceToBlobs, after.BlobsToService - before.BlobsToService);
    }
}
