using System.Text.RegularExpressions;

namespace Glance.Infra.Tests.Support;

/// <summary>
/// Read-only view of a compiled ARM template (or of a module's nested template) with just enough expression
/// handling for the tests: <c>[variables('x')]</c> is resolved, anything else stays an expression string.
/// </summary>
internal sealed partial class ArmTemplate(JsonElement root)
{
    public const string DeploymentType = "Microsoft.Resources/deployments";

    public JsonElement Root { get; } = root;

    /// <summary>Resources of this template, whether emitted as an array or (language version 2.0) as an object.</summary>
    public IEnumerable<JsonElement> Resources
    {
        get
        {
            var resources = Root.GetProperty("resources");
            return resources.ValueKind == JsonValueKind.Array
                ? resources.EnumerateArray()
                : resources.EnumerateObject().Select(property => property.Value);
        }
    }

    public IEnumerable<JsonElement> ResourcesOfType(string type) =>
        Resources.Where(resource => string.Equals(resource.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase));

    public JsonElement SingleResource(string type) => Assert.Single(ResourcesOfType(type));

    /// <summary>This template and every module template below it.</summary>
    public IEnumerable<(string Path, ArmTemplate Template)> SelfAndModules(string path = "main")
    {
        yield return (path, this);
        foreach (var deployment in ResourcesOfType(DeploymentType))
        {
            var module = new ArmTemplate(deployment.GetProperty("properties").GetProperty("template"));
            foreach (var nested in module.SelfAndModules($"{path}/{deployment.GetProperty("name").GetString()}"))
            {
                yield return nested;
            }
        }
    }

    public JsonElement ModuleDeployment(string name) =>
        Assert.Single(ResourcesOfType(DeploymentType), deployment => deployment.GetProperty("name").GetString() == name);

    public ArmTemplate Module(string name) =>
        new(ModuleDeployment(name).GetProperty("properties").GetProperty("template"));

    /// <summary>The value a module deployment passes for one of its parameters, or null when it passes none.</summary>
    public JsonElement? ModuleArgument(string module, string parameter) =>
        ModuleDeployment(module).GetProperty("properties").GetProperty("parameters").TryGetProperty(parameter, out var argument)
            ? argument.GetProperty("value")
            : null;

    public JsonElement Parameter(string name) => Root.GetProperty("parameters").GetProperty(name);

    public JsonElement? ParameterDefault(string name) =>
        Parameter(name).TryGetProperty("defaultValue", out var value) ? value : null;

    public JsonElement Variable(string name) => Root.GetProperty("variables").GetProperty(name);

    public JsonElement Output(string name) => Root.GetProperty("outputs").GetProperty(name).GetProperty("value");

    /// <summary>Replaces a whole-value <c>[variables('x')]</c> by the variable's value, repeatedly.</summary>
    public JsonElement Resolve(JsonElement value)
    {
        while (value.ValueKind == JsonValueKind.String && WholeVariableReference().Match(value.GetString()!) is { Success: true } match)
        {
            value = Variable(match.Groups["name"].Value);
        }

        return value;
    }

    public string ResolveString(JsonElement value) => Resolve(value).GetString()!;

    public IReadOnlyList<string> ResolveStrings(JsonElement value) =>
        Resolve(value).EnumerateArray().Select(ResolveString).ToList();

    /// <summary>Names of the variables an expression refers to, in order.</summary>
    public static IReadOnlyList<string> VariableNames(string expression) =>
        VariableReference().Matches(expression).Select(match => match.Groups["name"].Value).ToList();

    [GeneratedRegex(@"^\[variables\('(?<name>[^']+)'\)\]$")]
    private static partial Regex WholeVariableReference();

    [GeneratedRegex(@"variables\('(?<name>[^']+)'\)")]
    private static partial Regex VariableReference();
}
