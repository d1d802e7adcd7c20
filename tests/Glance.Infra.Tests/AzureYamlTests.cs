using Glance.Infra.Tests.Support;

namespace Glance.Infra.Tests;

public sealed class AzureYamlTests
{
    private static IReadOnlyDictionary<string, object> Document => AzureYaml.Load(RepositoryPaths.Combine("azure.yaml"));

    [Fact]
    public void Services_AreOneFunctionAppNamedApi()
    {
        var services = Document.Map("services");

        var (name, service) = Assert.Single(services);
        var api = Assert.IsType<Dictionary<string, object>>(service);

        Assert.Equal("api", name);
        Assert.Equal("function", api.Scalar("host"));
        Assert.Equal("dotnet", api.Scalar("language"));
        Assert.Equal("./src/Glance.Functions", api.Scalar("project"));
    }

    [Fact]
    public void ApiProject_ExistsWhereAzureYamlPointsTo()
    {
        var project = Document.Map("services").Map("api").Scalar("project");

        var folder = RepositoryPaths.Combine(project.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(part => part != ".").ToArray());

        Assert.True(Directory.Exists(folder), $"{folder} does not exist.");
        Assert.NotEmpty(Directory.EnumerateFiles(folder, "*.csproj"));
    }

    [Theory]
    [InlineData("posix", "sh", "./infra/hooks/postdeploy.sh")]
    [InlineData("windows", "pwsh", "./infra/hooks/postdeploy.ps1")]
    public void PostdeployHook_RunsTheScriptOfEachPlatform(string platform, string shell, string script)
    {
        var hook = Document.Map("hooks").Map("postdeploy").Map(platform);

        Assert.Equal(shell, hook.Scalar("shell"));
        Assert.Equal(script, hook.Scalar("run"));
        Assert.Equal("false", hook.Scalar("continueOnError"));
        Assert.True(File.Exists(RepositoryPaths.Combine(script[2..].Split('/'))), $"{script} does not exist.");
    }
}
