using System.Reflection;
using Glance.Functions.Functions;
using Glance.Functions.Http;
using Microsoft.Azure.Functions.Worker;

namespace Glance.Functions.Tests.Http;

/// <summary>The routes the fallback serves collapsed paths through, held to the functions' own attributes.</summary>
public sealed class ApiRouteTableTests
{
    private const string Id = "9b4f0e36-54f3-4c3b-9b8e-1d3c2a1f0a55";

    [Fact]
    public void All_IsEveryHttpFunctionButTheFallbackAndVersions_WithItsNameAndRoute()
    {
        var declared = typeof(FallbackFunctions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(),
                Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .Select(x => $"{x.Function!.Name} {x.Trigger!.Route}")
            .Where(f => !f.StartsWith(nameof(FallbackFunctions.Unmatched) + " ", StringComparison.Ordinal)
                && !f.StartsWith(nameof(VersionsFunctions.Versions) + " ", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        Assert.Equal(declared, ApiRouteTable.All.Select(r => $"{r.Name} {r.Template}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/v2.5/images", "Images", null)]
    [InlineData("/v2/images/file", "Image", "file")]
    [InlineData("/v2.15/images/" + Id + "/members/p2", "ImageMember", Id)]
    [InlineData("/healthcheck", "Healthcheck", null)]
    public void Match_RoutedPath_FindsItsFunctionAndRouteValues(string path, string function, string? imageId)
    {
        var (found, values) = ApiRouteTable.Match(path)!.Value;

        Assert.Equal(function, found.Name);
        Assert.Equal(imageId, values.GetValueOrDefault("imageId")?.ToString());
    }

    [Theory]
    [InlineData("/v2/flavors")]
    [InlineData("/v2/images/" + Id + "/tags")]
    public void Match_UnroutedPath_FindsNoFunction(string path)
    {
        Assert.Null(ApiRouteTable.Match(path));
    }
}
