namespace Glance.Functions.Telemetry;

/// <summary>The names under which the service's own traces and metrics are published.</summary>
public static class GlanceTelemetry
{
    /// <summary>The meter and activity source of the image service itself.</summary>
    public const string SourceName = Glance.Domain.Telemetry.GlanceMetrics.Name;

    /// <summary>
    /// The Azure SDK's sources (storage, Event Grid, identity): a span per storage call and per event batch.
    /// They publish only once Azure.Experimental.EnableActivitySource is switched on.
    /// </summary>
    public const string AzureSdkSources = "Azure.*";

    /// <summary>The Application Insights connection string an Azure deployment sets; without it nothing is exported.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The managed identity's client id, for the exporter's Entra ID authentication (local auth is off).</summary>
    public const string ClientIdSetting = "AZURE_CLIENT_ID";
}
