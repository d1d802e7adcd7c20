namespace Glance.Benchmarks;

internal static class Drain
{
    private const int BufferSize = 1024 * 1024;

    /// <summary>Reads a stream to its end, discarding the bytes; returns how many there were.</summary>
    public static async Task<long> ReadToEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferSize];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
        }
        return total;
    }
}
