using Glance.Infra.Tests.Support;

namespace Glance.Infra.Tests;

public sealed class MonitoringAndEventsTemplateTests
{
    [Fact]
    public void ApplicationInsights_LocalAuth_IsDisabled()
    {
        var component = CompiledInfra.Main.Module("monitoring").SingleResource("Microsoft.Insights/components");

        var properties = component.GetProperty("properties");

        Assert.True(properties.GetProperty("DisableLocalAuth").GetBoolean());
        Assert.Contains("Microsoft.OperationalInsights/workspaces", properties.GetProperty("WorkspaceResourceId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NotificationTopic_LocalAuthIsDisabled_AndInputIsCloudEvents10()
    {
        var topic = CompiledInfra.Main.Module("notifications").SingleResource("Microsoft.EventGrid/topics");

        var properties = topic.GetProperty("properties");

        Assert.True(properties.GetProperty("disableLocalAuth").GetBoolean());
        Assert.Equal("CloudEventSchemaV1_0", properties.GetProperty("inputSchema").GetString());
    }

    [Fact]
    public void StorageSystemTopic_PublishesTheStorageAccountsEvents()
    {
        var main = CompiledInfra.Main;
        var systemTopic = main.Module("storageEvents").SingleResource("Microsoft.EventGrid/systemTopics");

        var properties = systemTopic.GetProperty("properties");

        Assert.Equal("Microsoft.Storage.StorageAccounts", properties.GetProperty("topicType").GetString());
        Assert.Contains("Microsoft.Storage/storageAccounts", properties.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Contains("'storage'), ", main.ModuleArgument("storageEvents", "storageAccountName")!.Value.GetString(), StringComparison.Ordinal);
        Assert.Contains("'storageEvents')", main.Output("STORAGE_SYSTEM_TOPIC_NAME").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EventGridTopicEndpointOutput_IsTheNotificationTopicsEndpoint()
    {
        var output = CompiledInfra.Main.Output("EVENTGRID_TOPIC_ENDPOINT").GetString()!;

        Assert.Contains("'notifications')", output, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.endpoint.value]", output, StringComparison.Ordinal);
    }
}
