using Glance.Infra.Tests.Support;

namespace Glance.Infra.Tests;

public sealed class BicepDiagnosticsTests
{
    private static IEnumerable<string> BicepFilePaths() =>
        Directory.EnumerateFiles(RepositoryPaths.Infra, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static TheoryData<string> BicepFiles() =>
        new(BicepFilePaths().Select(file => Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/')));

    [Fact]
    public void BicepPath_FromPackage_PointsAtTheCompiler()
    {
        var path = BicepCli.ExecutablePath();

        var run = BicepCli.Run("--version");

        Assert.Equal("bicep", Path.GetFileNameWithoutExtension(path));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("Bicep CLI version", run.StandardOutput.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MainBicep_SucceedsWithoutDiagnostics()
    {
        var run = CompiledInfra.MainBuild;

        var (_, diagnostics) = BicepDiagnostic.ReadSarif(run.StandardError);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(diagnostics);
        Assert.True(CompiledInfra.Main.Root.TryGetProperty("resources", out _));
    }

    [Fact]
    public void Lint_CoversEveryBicepFile()
    {
        var run = CompiledInfra.Lint;

        var (documents, _) = BicepDiagnostic.ReadSarif(run.StandardOutput);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(BicepFilePaths().Count(), documents);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Lint_BicepFile_ReportsNothing(string bicepFile)
    {
        var fullPath = Path.GetFullPath(RepositoryPaths.Combine(bicepFile.Split('/')));

        var (_, diagnostics) = BicepDiagnostic.ReadSarif(CompiledInfra.Lint.StandardOutput);

        Assert.DoesNotContain(diagnostics, diagnostic => diagnostic.File == fullPath);
    }

    [Fact]
    public void Lint_ReportsNothingAnywhere()
    {
        var (_, diagnostics) = BicepDiagnostic.ReadSarif(CompiledInfra.Lint.StandardOutput);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Modules_AreAllLocal_BecauseRegistryModulesCannotBeRestoredOffline()
    {
        string[] registryPrefixes = ["'br/", "'br:", "'ts/", "'ts:"];

        var registryReferences = BicepFilePaths()
            .SelectMany(file => File.ReadLines(file).Select(line => (file, line)))
            .Where(entry => registryPrefixes.Any(prefix => entry.line.Contains(prefix, StringComparison.Ordinal)))
            .Select(entry => $"{entry.file}: {entry.line.Trim()}");

        Assert.Empty(registryReferences);
    }
}
