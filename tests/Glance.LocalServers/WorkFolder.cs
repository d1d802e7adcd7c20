namespace Glance.LocalServers;

/// <summary>A temporary folder for the test images and Azurite's data, deleted with everything in it at the end.</summary>
public sealed class WorkFolder : IDisposable
{
    public WorkFolder() => Path = Directory.CreateTempSubdirectory("glance-bench-").FullName;

    public string Path { get; }

    public string Child(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A file of random bytes (any content is a valid raw image); returns its path.</summary>
    public async Task<string> CreateRandomFileAsync(string name, long size, CancellationToken cancellationToken)
    {
        var path = Child(name);
        var buffer = new byte[4 * 1024 * 1024];
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
        for (long written = 0; written < size;)
        {
            Random.Shared.NextBytes(buffer);
            var length = (int)Math.Min(buffer.Length, size - written);
            await file.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
            written += length;
        }
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"warning: could not delete {Path}: {e.Message}");
        }
    }
}
