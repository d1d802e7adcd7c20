using Glance.Infra.Tests.Support;

namespace Glance.Infra.Tests;

public sealed class FunctionAppTemplateTests
{
    private const string StorageReference = "[reference(resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName')), ";
    private const string ClientId = "[parameters('identityClientId')]";

    private static ArmTemplate Api => CompiledInfra.Main.Module("api");

    private static JsonElement Site => Api.SingleResource("Microsoft.Web/sites");

    private static IReadOnlyDictionary<string, string> AppSettings =>
        Assert.Single(Api.ResourcesOfType("Microsoft.Web/sites/config"), config => config.GetProperty("name").GetString()!.EndsWith("'appsettings')]", StringComparison.Ordinal))
            .GetProperty("properties")
            .EnumerateObject()
            .ToDictionary(setting => setting.Name, setting => setting.Value.GetString() ?? string.Empty, StringComparer.Ordinal);

    /// <summary>Identity-based host (AzureWebJobsStorage) and data (GlanceStorage) connections: name, expected value.</summary>
    public static TheoryData<string, string> IdentityConnectionSettings => new()
    {
        { "AzureWebJobsStorage__blobServiceUri", StorageReference + "'2025-01-01').primaryEndpoints.blob]" },
        { "AzureWebJobsStorage__queueServiceUri", StorageReference + "'2025-01-01').primaryEndpoints.queue]" },
        { "AzureWebJobsStorage__tableServiceUri", StorageReference + "'2025-01-01').primaryEndpoints.table]" },
        { "AzureWebJobsStorage__credential", "managedidentity" },
        { "AzureWebJobsStorage__clientId", ClientId },
        { "GlanceStorage__blobServiceUri", StorageReference + "'2025-01-01').primaryEndpoints.blob]" },
        { "GlanceStorage__queueServiceUri", StorageReference + "'2025-01-01').primaryEndpoints.queue]" },
        { "GlanceStorage__tableServiceUri", StorageReference + "'2025-01-01').primaryEndpoints.table]" },
        { "GlanceStorage__credential", "managedidentity" },
        { "GlanceStorage__clientId", ClientId },
        { "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]" },
    };

    [Fact]
    public void Plan_IsFlexConsumptionFc1OnLinux()
    {
        var plan = Api.SingleResource("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.True(plan.GetProperty("properties").GetProperty("reserved").GetBoolean());
    }

    [Fact]
    public void Site_IsLinuxFunctionApp_RunningAsTheUserAssignedIdentity()
    {
        Assert.Equal("functionapp,linux", Site.GetProperty("kind").GetString());
        Assert.Equal("UserAssigned", Site.GetProperty("identity").GetProperty("type").GetString());
        Assert.Equal(
            "[format('{0}', parameters('identityId'))]",
            Assert.Single(Site.GetProperty("identity").GetProperty("userAssignedIdentities").EnumerateObject()).Name);
        Assert.True(Site.GetProperty("properties").GetProperty("httpsOnly").GetBoolean());
    }

    [Fact]
    public void Runtime_IsDotnetIsolated10()
    {
        var runtime = Site.GetProperty("properties").GetProperty("functionAppConfig").GetProperty("runtime");

        Assert.Equal("dotnet-isolated", runtime.GetProperty("name").GetString());
        Assert.Equal("10.0", runtime.GetProperty("version").GetString());
    }

    [Fact]
    public void DeploymentStorage_IsTheBlobContainer_ReachedWithTheUserAssignedIdentity()
    {
        var storage = Site.GetProperty("properties").GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage");

        Assert.Equal("blobContainer", storage.GetProperty("type").GetString());
        Assert.Equal($"[format('{{0}}{{1}}', {StorageReference[1..]}'2025-01-01').primaryEndpoints.blob, parameters('deploymentContainerName'))]", storage.GetProperty("value").GetString());
        Assert.Equal("UserAssignedIdentity", storage.GetProperty("authentication").GetProperty("type").GetString());
        Assert.Equal("[parameters('identityId')]", storage.GetProperty("authentication").GetProperty("userAssignedIdentityResourceId").GetString());
    }

    [Fact]
    public void Site_IsTaggedAsTheAzdApiService()
    {
        var services = AzureYaml.Load(RepositoryPaths.Combine("azure.yaml")).Map("services");

        Assert.Equal("[union(parameters('tags'), createObject('azd-service-name', parameters('serviceName')))]", Site.GetProperty("tags").GetString());
        Assert.Equal("api", Api.ParameterDefault("serviceName")!.Value.GetString());
        Assert.Null(CompiledInfra.Main.ModuleArgument("api", "serviceName"));
        Assert.Equal("api", Assert.Single(services.Keys));
    }

    [Fact]
    public void BasicPublishingCredentials_AreDisabled()
    {
        var policies = Api.ResourcesOfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal(2, policies.Count);
        Assert.All(policies, policy => Assert.False(policy.GetProperty("properties").GetProperty("allow").GetBoolean()));
    }

    [Theory]
    [MemberData(nameof(IdentityConnectionSettings))]
    public void AppSettings_IdentityConnection_IsSet(string name, string expectedValue)
    {
        Assert.True(AppSettings.TryGetValue(name, out var value), $"App setting {name} is missing.");
        Assert.Equal(expectedValue, value);
    }

    [Fact]
    public void AppSettings_ApplicationInsightsConnectionString_ComesFromTheComponent()
    {
        Assert.Equal(
            "[reference(resourceId('Microsoft.Insights/components', parameters('applicationInsightsName')), '2020-02-02').ConnectionString]",
            AppSettings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
    }

    [Fact]
    public void AppSettings_HoldNoKeyOrSecret()
    {
        string[] secretMarkers = ["AccountKey", "SharedAccessKey", "SharedAccessSignature", "listKeys", "listSecrets", "Password", "Secret", "sig="];

        var offending = AppSettings
            .Where(setting => secretMarkers.Any(marker =>
                setting.Key.Contains(marker, StringComparison.OrdinalIgnoreCase) || setting.Value.Contains(marker, StringComparison.OrdinalIgnoreCase)))
            .Select(setting => $"{setting.Key}={setting.Value}");

        Assert.Empty(offending);
        Assert.DoesNotContain(AppSettings.Keys, name => name.EndsWith("Key", StringComparison.OrdinalIgnoreCase));
        // A plain AzureWebJobsStorage / GlanceStorage setting would be a connection string.
        Assert.DoesNotContain("AzureWebJobsStorage", AppSettings.Keys);
        Assert.DoesNotContain("GlanceStorage", AppSettings.Keys);
    }

    [Fact]
    public void AppSettings_OmitWhatFlexConsumptionRejects()
    {
        string[] rejected = ["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE"];

        Assert.Empty(AppSettings.Keys.Intersect(rejected));
    }

    [Fact]
    public void CompiledTemplate_NeverReadsAKey()
    {
        var json = CompiledInfra.Main.Root.GetRawText();

        Assert.DoesNotContain("listKeys(", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessKey", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AuthMode_DefaultsToJwt_AllowsJwtOrKeystone_AndReachesTheApp()
    {
        var main = CompiledInfra.Main;

        Assert.Equal(["jwt", "keystone"], main.Parameter("authMode").GetProperty("allowedValues").EnumerateArray().Select(value => value.GetString()));
        Assert.Equal("jwt", main.ParameterDefault("authMode")!.Value.GetString());
        Assert.Equal("[parameters('authMode')]", main.ModuleArgument("api", "authMode")!.Value.GetString());
        Assert.Equal("[parameters('authMode')]", AppSettings["Glance__Auth__Mode"]);
    }

    [Theory]
    [InlineData("jwtAuthority", "Glance__Auth__Jwt__Authority")]
    [InlineData("jwtAudience", "Glance__Auth__Jwt__Audience")]
    public void JwtParameter_DefaultsToEmpty_AndReachesTheApp(string parameter, string setting)
    {
        var main = CompiledInfra.Main;

        Assert.Equal(string.Empty, main.ParameterDefault(parameter)!.Value.GetString());
        Assert.Equal($"[parameters('{parameter}')]", main.ModuleArgument("api", parameter)!.Value.GetString());
        Assert.Equal($"[parameters('{parameter}')]", AppSettings[setting]);
    }

    [Fact]
    public void EventsTopicEndpoint_IsTheNotificationTopicsEndpoint()
    {
        var argument = CompiledInfra.Main.ModuleArgument("api", "eventGridTopicEndpoint")!.Value.GetString()!;

        Assert.Contains("'notifications')", argument, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.endpoint.value]", argument, StringComparison.Ordinal);
        Assert.Equal("[parameters('eventGridTopicEndpoint')]", AppSettings["Glance__Events__TopicEndpoint"]);
    }

    [Fact]
    public void FunctionApp_IsCreatedAfterItsRoleAssignments()
    {
        var dependsOn = CompiledInfra.Main.ModuleDeployment("api").GetProperty("dependsOn").EnumerateArray().Select(value => value.GetString()!);

        Assert.Contains(dependsOn, dependency => dependency.Contains("'Microsoft.Resources/deployments', 'rbac')", StringComparison.Ordinal));
    }
}
