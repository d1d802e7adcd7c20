namespace Glance.LocalServers;

/// <summary>Where a test or benchmark finds what it runs: Azurite from node_modules and the Release build of the local host.</summary>
public sealed class RepositoryLayout
{
    private RepositoryLayout(string root)
    {
        Root = root;
        AzuriteScript = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        LocalHostDll = Path.Combine(root, "src", "Glance.LocalHost", "bin", "Release", "net10.0", "Glance.LocalHost.dll");
    }

    public string Root { get; }
    public string AzuriteScript { get; }
    public string LocalHostDll { get; }

    /// <summary>The given root, or the nearest folder above this program holding GlanceFunctions.sln; fails if a part is missing.</summary>
    /// <param name="needsLocalHostBuild">
    /// False for the tests and benchmarks that run the local host in their own process (a project reference): they never start
    /// <see cref="LocalHostDll"/>, so its absence must not stop them.
    /// </param>
    public static RepositoryLayout Locate(string? root, bool needsLocalHostBuild = true)
    {
        root ??= FindRoot(AppContext.BaseDirectory) ?? FindRoot(Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("GlanceFunctions.sln not found above this program; pass --repo.");
        var layout = new RepositoryLayout(Path.GetFullPath(root));
        if (!File.Exists(layout.AzuriteScript))
        {
            throw new InvalidOperationException($"Azurite is not installed ({layout.AzuriteScript} is missing): run `npm ci` in {layout.Root}.");
        }
        if (needsLocalHostBuild && !File.Exists(layout.LocalHostDll))
        {
            throw new InvalidOperationException(
                $"{layout.LocalHostDll} is missing: run `dotnet build src/Glance.LocalHost -c Release` in {layout.Root}.");
        }
        return layout;
    }

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GlanceFunctions.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
