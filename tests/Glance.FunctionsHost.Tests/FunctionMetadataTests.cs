using System.Text.Json.Nodes;
using Glance.FunctionsHost.Tests.Infrastructure;

namespace Glance.FunctionsHost.Tests;

/// <summary>
/// The worker indexes its own functions (worker.config.json: workerIndexing), and the host registers what the worker
/// reports, not what functions.metadata says: the two must be the same functions with the same bindings.
/// </summary>
[Collection(WorkerSessionCollection.Name)]
public sealed class FunctionMetadataTests(WorkerSession session)
{
    [Fact]
    public void FunctionMetadataResponse_WorkerIndexing_EqualsBuildFunctionsMetadata()
    {
        var built = FunctionsMetadataFile.Read(FunctionsBuildOutput.FunctionsMetadata);

        Assert.False(session.MetadataResponse.UseDefaultMetadataIndexing, "The worker asked the host to index functions itself.");
        Assert.NotEmpty(built);
        Assert.Equal(string.Join(Environment.NewLine, Describe(built)), string.Join(Environment.NewLine, Describe(session.Functions)));
    }

    [Fact]
    public void FunctionMetadataResponse_EveryFunction_HasIdAndNoIndexingError()
    {
        Assert.All(session.MetadataResponse.FunctionMetadataResults, f =>
        {
            Assert.False(string.IsNullOrEmpty(f.FunctionId), $"{f.Name} has no function id");
            Assert.True(f.Status is null || f.Status.Status == Rpc.StatusResult.Types.Status.Success, $"{f.Name}: {f.Status?.Exception?.Message}");
        });
        Assert.Equal(session.Functions.Count, session.MetadataResponse.FunctionMetadataResults.Select(f => f.FunctionId).Distinct().Count());
    }

    /// <summary>Each function as one comparable line per binding (keys sorted), so a failure shows the difference.</summary>
    private static List<string> Describe(IEnumerable<FunctionMetadataEntry> functions) =>
        functions
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .SelectMany(f => new[] { $"{f.Name} {f.ScriptFile} {f.EntryPoint}" }
                .Concat(f.Bindings.Select(b => $"  {Canonical(b)}").Order(StringComparer.Ordinal)))
            .ToList();

    private static string Canonical(JsonNode? node) => node switch
    {
        // The worker leaves out an empty "properties" object that the file writes; the host reads both as none.
        JsonObject o => "{" + string.Join(",", o.Where(p => !(p.Key == "properties" && p.Value is JsonObject { Count: 0 }))
            .OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .Select(p => $"{p.Key.ToLowerInvariant()}:{Canonical(p.Value)}")) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
