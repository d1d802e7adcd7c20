using Glance.Infra.Tests.Support;

namespace Glance.Infra.Tests;

/// <summary>The optional second image store: its own keyless account, the app's blob access to it, the app's store settings.</summary>
public sealed class StoresTemplateTests
{
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

    [Fact]
    public void SecondStore_IsDeployedOnlyWhenARegionIsGiven()
    {
        var condition = CompiledInfra.Main.ModuleDeployment("secondStore").GetProperty("condition").GetString()!;

        Assert.Equal("[variables('withSecondStore')]", condition);
        Assert.Equal("[not(empty(parameters('secondStoreLocation')))]", CompiledInfra.Main.Variable("withSecondStore").GetString());
        Assert.Equal("", CompiledInfra.Main.ParameterDefault("secondStoreLocation")!.Value.GetString());
    }

    [Fact]
    public void SecondStore_UsesTheKeylessStorageModule_WithOneImagesContainer()
    {
        var secondStore = CompiledInfra.Main.Module("secondStore");
        var properties = secondStore.SingleResource("Microsoft.Storage/storageAccounts").GetProperty("properties");

        Assert.False(properties.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.Equal(["images"], CompiledInfra.Main.ResolveStrings(CompiledInfra.Main.ModuleArgument("secondStore", "containerNames")!.Value));
    }

    [Fact]
    public void SecondStoreRbac_GrantsTheAppBlobDataContributor_OnlyWhenThereIsASecondStore()
    {
        var assignment = Assert.Single(CompiledInfra.Main.Module("rbac").ResourcesOfType("Microsoft.Authorization/roleAssignments"),
            a => a.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Contains("storageBlobDataContributorRoleId", StringComparison.Ordinal));

        Assert.Equal(StorageBlobDataContributor, CompiledInfra.Main.Module("rbac").Variable("storageBlobDataContributorRoleId").GetString());
        Assert.Contains("secondStoreAccountName", assignment.GetProperty("condition").GetString()!, StringComparison.Ordinal);
        Assert.Equal("[parameters('appPrincipalId')]", assignment.GetProperty("properties").GetProperty("principalId").GetString());
    }

    [Fact]
    public void FunctionApp_ConfiguresTwoStores_OnlyWithASecondStoreEndpoint()
    {
        var settings = CompiledInfra.Main.Module("api").ResourcesOfType("Microsoft.Web/sites/config")
            .Single(c => c.GetProperty("name").GetString()!.EndsWith("'appsettings')]", StringComparison.Ordinal))
            .GetProperty("properties");

        Assert.Equal("[parameters('secondStoreBlobEndpoint')]", settings.GetProperty("Glance__Stores__secondary__BlobServiceUri").GetString());
        foreach (var name in new[] { "Glance__Stores__Default", "Glance__Stores__primary__Container", "Glance__Stores__secondary__Container" })
        {
            Assert.StartsWith("[if(empty(parameters('secondStoreBlobEndpoint')), '',", settings.GetProperty(name).GetString()!, StringComparison.Ordinal);
        }
    }
}
