namespace Glance.Infra.Tests.Support;

/// <summary>Paths inside the repository, found by walking up from the test assembly to GlanceFunctions.sln.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> root = new(FindRoot);

    public static string Root => root.Value;

    public static string Infra => Path.Combine(Root, "infra");

    public static string Combine(params string[] relativeParts) => Path.Combine([Root, .. relativeParts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GlanceFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No GlanceFunctions.sln in {AppContext.BaseDirectory} or any folder above it.");
    }
}
