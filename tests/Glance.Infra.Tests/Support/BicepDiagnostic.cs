namespace Glance.Infra.Tests.Support;

/// <summary>One compiler or linter diagnostic, read from SARIF.</summary>
internal sealed record BicepDiagnostic(string File, int Line, string Level, string Rule, string Message)
{
    /// <summary>
    /// Reads SARIF output: one document per file linted (<c>lint --pattern</c> prints them one after another).
    /// Returns the number of documents and all their diagnostics.
    /// </summary>
    public static (int Documents, IReadOnlyList<BicepDiagnostic> Diagnostics) ReadSarif(string sarif)
    {
        var diagnostics = new List<BicepDiagnostic>();
        var documents = 0;
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(sarif), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            documents++;
            foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
            {
                diagnostics.AddRange(run.GetProperty("results").EnumerateArray().Select(Read));
            }
        }

        return (documents, diagnostics);
    }

    public override string ToString() => $"{File}({Line}) {Level} {Rule}: {Message}";

    private static BicepDiagnostic Read(JsonElement result)
    {
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        var uri = new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!);
        return new BicepDiagnostic(
            uri.IsFile ? uri.LocalPath : uri.ToString(),
            location.GetProperty("region").GetProperty("startLine").GetInt32(),
            result.TryGetProperty("level", out var level) ? level.GetString()! : "warning",
            result.GetProperty("ruleId").GetString()!,
            result.GetProperty("message").GetProperty("text").GetString()!);
    }
}
