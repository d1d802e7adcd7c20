using System.Reflection;
using System.Text.Json;
using Glance.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Glance.Integration.Tests;

/// <summary>
/// The local host must serve exactly what the Functions host would: every function in the functions.metadata the
/// Worker SDK generated at build time, with the same route and verbs, and nothing else.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class FunctionsMetadataTests(GlanceService service)
{
    /// <summary>A trigger that names no verb: the host maps it with no verb constraint.</summary>
    private const string AllVerbs = "*";

    [Fact]
    public void LocalHost_ServesEveryHttpFunctionOfFunctionsMetadata_WithSameRouteAndVerbs()
    {
        var expected = ReadFunctionsMetadata();
        var served = service.NoAuth.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (
                Name: e.DisplayName!,
                Route: e.RoutePattern.RawText!,
                Methods: e.Metadata.GetMetadata<HttpMethodMetadata>() is { } verbs
                    ? string.Join(",", verbs.HttpMethods.Select(m => m.ToLowerInvariant()).Order())
                    : AllVerbs))
            .OrderBy(e => e.Name)
            .ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, served);
    }

    [Fact]
    public void LocalHost_PollsForEveryBlobTriggerOfFunctionsMetadata_WithSamePath()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        var expected = document.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() == "blobTrigger")
                .Select(b => (Name: f.GetProperty("name").GetString()!, Path: b.GetProperty("path").GetString()!)))
            .OrderBy(f => f.Name)
            .ToList();

        var polled = Glance.LocalHost.BlobTriggerPoller.Functions.Select(f => (f.Name, f.Path)).OrderBy(f => f.Name).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, polled);
    }

    [Fact]
    public void LocalHost_RunsEveryTimerTriggerOfFunctionsMetadata()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        var expected = document.RootElement.EnumerateArray()
            .Where(f => f.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "timerTrigger"))
            .Select(f => f.GetProperty("name").GetString()!)
            .Order()
            .ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, Glance.LocalHost.TimerTriggerRunner.Functions.Select(f => f.Name).Order());
    }

    [Fact]
    public void LocalHost_ReadsEveryQueueTriggerOfFunctionsMetadata_WithSameQueueName()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        var expected = document.RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray()
                .Where(b => b.GetProperty("type").GetString() == "queueTrigger")
                .Select(b => (Name: f.GetProperty("name").GetString()!, Queue: b.GetProperty("queueName").GetString()!)))
            .OrderBy(f => f.Name)
            .ToList();

        var read = Glance.LocalHost.QueueTriggerPoller.Functions.Select(f => (f.Name, f.Queue)).OrderBy(f => f.Name).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, read);
        Assert.Contains(("RunImageImport", Glance.Storage.StorageOptions.ImportQueue), read);
    }

    private static string MetadataPath()
    {
        var path = typeof(FunctionsMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "FunctionsMetadataPath").Value!;
        Assert.True(File.Exists(path), $"{path} is missing: the Functions project must be built first.");
        return path;
    }

    private static List<(string Name, string Route, string Methods)> ReadFunctionsMetadata()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(MetadataPath()));
        return document.RootElement.EnumerateArray()
            .Select(function => (Function: function, Trigger: function.GetProperty("bindings").EnumerateArray()
                .FirstOrDefault(b => b.GetProperty("type").GetString() == "httpTrigger")))
            .Where(x => x.Trigger.ValueKind == JsonValueKind.Object)
            .Select(x => (
                Name: x.Function.GetProperty("name").GetString()!,
                Route: x.Trigger.GetProperty("route").GetString()!,
                Methods: x.Trigger.TryGetProperty("methods", out var methods) && methods.ValueKind == JsonValueKind.Array
                    ? string.Join(",", methods.EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).Order())
                    : AllVerbs))
            .OrderBy(f => f.Name)
            .ToList();
    }
}
