using System.Text.RegularExpressions;
using Glance.Infra.Tests.Support;

namespace Glance.Infra.Tests;

/// <summary>What azd relies on: the subscription scope, the parameters file and the outputs.</summary>
public sealed partial class MainTemplateContractTests
{
    private static JsonElement ParametersFile()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("infra", "main.parameters.json")));
        return document.RootElement.GetProperty("parameters").Clone();
    }

    [Fact]
    public void MainTemplate_TargetsTheSubscription_AndCreatesTheResourceGroup()
    {
        var main = CompiledInfra.Main;

        Assert.Contains("subscriptionDeploymentTemplate.json", main.Root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        main.SingleResource("Microsoft.Resources/resourceGroups");
        Assert.All(
            main.ResourcesOfType(ArmTemplate.DeploymentType),
            module => Assert.Contains("resourceGroup", module.GetProperty("resourceGroup").GetString(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("environmentName", "${AZURE_ENV_NAME}")]
    [InlineData("location", "${AZURE_LOCATION}")]
    [InlineData("principalId", "${AZURE_PRINCIPAL_ID}")]
    public void ParametersFile_FillsParameterFromAzdEnvironment(string parameter, string expected)
    {
        Assert.Equal(expected, ParametersFile().GetProperty(parameter).GetProperty("value").GetString());
    }

    [Fact]
    public void ParametersFile_NamesOnlyDeclaredParameters_AndEveryRequiredOne()
    {
        var declared = CompiledInfra.Main.Root.GetProperty("parameters").EnumerateObject().ToList();
        var given = ParametersFile().EnumerateObject().Select(parameter => parameter.Name).ToList();

        Assert.Empty(given.Except(declared.Select(parameter => parameter.Name)));
        Assert.Empty(declared.Where(parameter => !parameter.Value.TryGetProperty("defaultValue", out _)).Select(parameter => parameter.Name).Except(given));
    }

    [Fact]
    public void ParametersFile_DefaultsOfAllowedValueParameters_AreAllowed()
    {
        var main = CompiledInfra.Main;

        foreach (var parameter in ParametersFile().EnumerateObject())
        {
            var match = AzdDefault().Match(parameter.Value.GetProperty("value").GetString() ?? string.Empty);
            if (match.Success && main.Parameter(parameter.Name).TryGetProperty("allowedValues", out var allowed))
            {
                Assert.Contains(match.Groups["default"].Value, allowed.EnumerateArray().Select(value => value.GetString()));
            }
        }
    }

    [Theory]
    [InlineData("AZURE_LOCATION")]
    [InlineData("AZURE_TENANT_ID")]
    [InlineData("AZURE_RESOURCE_GROUP")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("SERVICE_API_NAME")]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME")]
    [InlineData("EVENTGRID_TOPIC_ENDPOINT")]
    [InlineData("STORAGE_SYSTEM_TOPIC_NAME")]
    [InlineData("STORAGE_UPLOAD_CONTAINER_NAME")]
    public void Outputs_Include(string output)
    {
        Assert.True(CompiledInfra.Main.Root.GetProperty("outputs").TryGetProperty(output, out _), $"Output {output} is missing.");
    }

    [Fact]
    public void Outputs_AreUpperSnakeCase_AndCarryNoSecret()
    {
        var outputs = CompiledInfra.Main.Root.GetProperty("outputs").EnumerateObject().ToList();

        Assert.All(outputs, output => Assert.Matches(UpperSnake(), output.Name));
        Assert.All(outputs, output => Assert.Equal("string", output.Value.GetProperty("type").GetString()));
        Assert.DoesNotContain(outputs, output => output.Value.GetProperty("value").GetString()!.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(outputs, output => output.Value.GetProperty("value").GetString()!.Contains("list", StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"^\$\{[A-Z0-9_]+=(?<default>[^}]*)\}$")]
    private static partial Regex AzdDefault();

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnake();
}
