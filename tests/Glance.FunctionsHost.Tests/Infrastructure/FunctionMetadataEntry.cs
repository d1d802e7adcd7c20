using System.Text.Json.Nodes;

namespace Glance.FunctionsHost.Tests.Infrastructure;

/// <summary>One function of functions.metadata (or of the worker's metadata response): its bindings as the raw JSON objects.</summary>
public sealed record FunctionMetadataEntry(string Name, string ScriptFile, string EntryPoint, IReadOnlyList<JsonObject> Bindings)
{
    /// <summary>The binding whose type is <paramref name="type"/> (httpTrigger, blobTrigger ...), if the function has one.</summary>
    public JsonObject? Binding(string type) =>
        Bindings.FirstOrDefault(b => string.Equals((string?)b["type"], type, StringComparison.OrdinalIgnoreCase));

    public bool HasTrigger(string type) => Binding(type) is not null;
}
