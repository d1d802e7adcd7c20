using System.Text.Json.Nodes;

namespace Glance.FunctionsHost.Tests.Infrastructure;

/// <summary>Reads functions.metadata, the Worker SDK's build-time list of the app's functions.</summary>
public static class FunctionsMetadataFile
{
    public static IReadOnlyList<FunctionMetadataEntry> Read(string path) =>
        JsonNode.Parse(File.ReadAllText(path))!.AsArray()
            .Select(f => f!.AsObject())
            .Select(f => new FunctionMetadataEntry(
                (string)f["name"]!,
                (string?)f["scriptFile"] ?? "",
                (string?)f["entryPoint"] ?? "",
                f["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList()))
            .ToList();
}
