namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// The metadef JSON files Debian's glance-common ships (Glance's standard catalogue), fetched with apt-get download and
/// unpacked with dpkg-deb into a cache folder under the temporary folder, the first time any run needs them; never
/// copied into the repository. Fails loudly when apt cannot fetch the package.
/// </summary>
public static class StandardMetadefs
{
    private static readonly Lazy<Task<string>> Folder = new(ExtractAsync);

    public static Task<string> FolderAsync() => Folder.Value;

    private static readonly string Cache = Path.Combine(Path.GetTempPath(), "glance-tests-glance-common-metadefs");

    private static async Task<string> ExtractAsync()
    {
        if (Directory.Exists(Cache))
        {
            return Cache;
        }
        var work = Directory.CreateTempSubdirectory("glance-common-").FullName;
        try
        {
            var extracted = await ExtractIntoAsync(work);
            try
            {
                // Another run may have filled the cache meanwhile: theirs stays, this one goes.
                Directory.Move(extracted, Cache);
            }
            catch (IOException) when (Directory.Exists(Cache))
            {
            }
            return Cache;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<string> ExtractIntoAsync(string work)
    {
        var download = await CommandLine.RunAsync("sh", "-c", $"cd '{work}' && apt-get download glance-common");
        var package = Directory.GetFiles(work, "glance-common_*.deb").SingleOrDefault()
            ?? throw new InvalidOperationException($"apt-get download glance-common fetched nothing ({download.ExitCode}): {download.Output}");
        var unpack = await CommandLine.RunAsync("dpkg-deb", "-x", package, Path.Combine(work, "root"));
        var folder = Path.Combine(work, "root", "usr", "share", "glance-common", "metadefs");
        return Directory.Exists(folder)
            ? folder
            : throw new InvalidOperationException($"dpkg-deb -x left no {folder} ({unpack.ExitCode}): {unpack.Output}");
    }
}
