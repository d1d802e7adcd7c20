using Glance.Infra.Tests.Support;

namespace Glance.Infra.Tests;

public sealed class StorageTemplateTests
{
    private static ArmTemplate StorageModule => CompiledInfra.Main.Module("storage");

    private static JsonElement StorageAccountProperties =>
        StorageModule.SingleResource("Microsoft.Storage/storageAccounts").GetProperty("properties");

    [Fact]
    public void StorageAccount_SharedKeyAccess_IsDisabled()
    {
        Assert.False(StorageAccountProperties.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.True(StorageAccountProperties.GetProperty("defaultToOAuthAuthentication").GetBoolean());
    }

    [Fact]
    public void StorageAccount_PublicBlobAccess_IsDisabled()
    {
        Assert.False(StorageAccountProperties.GetProperty("allowBlobPublicAccess").GetBoolean());
        foreach (var container in StorageModule.ResourcesOfType("Microsoft.Storage/storageAccounts/blobServices/containers"))
        {
            Assert.Equal("None", container.GetProperty("properties").GetProperty("publicAccess").GetString());
        }
    }

    [Fact]
    public void StorageAccount_Transport_RequiresHttpsAndTls12()
    {
        Assert.Equal("TLS1_2", StorageAccountProperties.GetProperty("minimumTlsVersion").GetString());
        Assert.True(StorageAccountProperties.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
    }

    [Fact]
    public void Containers_IncludeServedImagesUploadsAndDeploymentPackage()
    {
        var main = CompiledInfra.Main;
        var containers = main.ResolveStrings(main.ModuleArgument("storage", "containerNames")!.Value);
        var deploymentContainer = main.ResolveString(main.ModuleArgument("api", "deploymentContainerName")!.Value);

        Assert.Equal(["images", "uploads", deploymentContainer], containers);
        AssertCreatedForEach(StorageModule.SingleResource("Microsoft.Storage/storageAccounts/blobServices/containers"), "containerNames");
    }

    [Fact]
    public void Tables_AreTheGlanceTables()
    {
        var main = CompiledInfra.Main;

        var tables = main.ResolveStrings(main.ModuleArgument("storage", "tableNames")!.Value);

        Assert.Equal(["images", "imageindex", "imagetasks", "imageevents"], tables);
        AssertCreatedForEach(StorageModule.SingleResource("Microsoft.Storage/storageAccounts/tableServices/tables"), "tableNames");
    }

    [Fact]
    public void Queues_AreTheImportQueueAndItsPoisonQueue()
    {
        var main = CompiledInfra.Main;

        var queues = main.ResolveStrings(main.ModuleArgument("storage", "queueNames")!.Value);

        Assert.Equal(["image-imports", "image-imports-poison"], queues);
        AssertCreatedForEach(StorageModule.SingleResource("Microsoft.Storage/storageAccounts/queueServices/queues"), "queueNames");
    }

    [Fact]
    public void UploadContainerOutput_IsUploads_TheContainerThePostdeployHookFilters()
    {
        var main = CompiledInfra.Main;

        // The blob trigger's path: validation runs for blobs in the upload area, never for served ones.
        Assert.Equal("uploads", main.ResolveString(main.Output("STORAGE_UPLOAD_CONTAINER_NAME")));
    }

    private static void AssertCreatedForEach(JsonElement resource, string parameterName) =>
        Assert.Equal($"[length(parameters('{parameterName}'))]", resource.GetProperty("copy").GetProperty("count").GetString());
}
