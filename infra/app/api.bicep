metadata description = 'The Glance API: a Flex Consumption plan (FC1) and its one function app, settings with identity-based connections only.'

@description('Function app name; also the host name <name>.azurewebsites.net.')
param name string

param planName string
param location string
param tags object = {}

@description('azd service this app hosts (azure.yaml `services`); azd finds the app by this tag.')
param serviceName string = 'api'

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity: tells the host and the SDK clients which identity to use.')
param identityClientId string

@description('Storage account holding host state, the deployment package and Glance data.')
param storageAccountName string

@description('Blob container Flex Consumption deploys the app package from.')
param deploymentContainerName string

param applicationInsightsName string

@description('Endpoint of the Event Grid topic Glance publishes notifications to.')
param eventGridTopicEndpoint string

@allowed(['jwt', 'keystone'])
param authMode string = 'jwt'

param jwtAuthority string = ''
param jwtAudience string = ''

@description('Blob endpoint of the second image store\'s account. Empty: one store, the original images container, and no multistore.')
param secondStoreBlobEndpoint string = ''

@description('Descriptions of the stores primary and secondary, shown by /v2/info/stores.')
param primaryStoreDescription string = ''
param secondStoreDescription string = ''

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

// The host reads a body sent with Content-Length whole into memory before the worker sees it, so a larger limit
// costs instance memory per concurrent upload; large images go through upload URLs instead.
@description('Largest request body the Functions host accepts, in bytes (PUT /file and PUT /stage); the app answers 413 above it.')
@minValue(1048576)
@maxValue(209715200)
param requestBodySizeLimitBytes int = 104857600

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true // Linux
  }
}

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      // .NET 10 isolated worker (net10.0, Microsoft.Azure.Functions.Worker 2.x) needs the Functions 4.x host
      // with the dotnet-isolated 10.0 stack of Flex Consumption; check the region offers it with
      // `az functionapp list-flexconsumption-runtimes --location <region> --runtime dotnet-isolated`.
      // Flex takes the runtime from here: FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are not
      // allowed as app settings.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  // azd and the Azure CLI deploy with Entra ID tokens; nothing needs publishing user names and passwords.
  resource ftpCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    // Host storage: blobs for leases, keys and blob-trigger receipts, queues for the blob trigger's poison
    // messages, tables for host state. Identity only: no AccountKey anywhere.
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId

    // Glance data (images, uploads, staging, tables) and the blob trigger's connection. The blob trigger writes
    // poison messages to a queue of its own connection's account, hence the queue URI here too.
    GlanceStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    GlanceStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    GlanceStorage__tableServiceUri: storage.properties.primaryEndpoints.table
    GlanceStorage__credential: 'managedidentity'
    GlanceStorage__clientId: identityClientId

    // Local auth is off on the component: telemetry goes out with an Entra token for this identity.
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

    // DefaultAzureCredential and ManagedIdentityCredential pick the user-assigned identity from this.
    AZURE_CLIENT_ID: identityClientId

    // One setting for both: the host caps bodies with it, the app refuses a declared length above it with 413.
    FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: string(requestBodySizeLimitBytes)

    Glance__Events__TopicEndpoint: eventGridTopicEndpoint
    Glance__Auth__Mode: authMode
    Glance__Auth__Jwt__Authority: jwtAuthority
    Glance__Auth__Jwt__Audience: jwtAudience

    // Image stores (docs/stores.md). Without a second store every value is empty, which configures no store: the
    // original container alone, without multistore. With one, that container is the default store "primary".
    Glance__Stores__Default: empty(secondStoreBlobEndpoint) ? '' : 'primary'
    Glance__Stores__primary__Container: empty(secondStoreBlobEndpoint) ? '' : 'images'
    Glance__Stores__primary__Description: primaryStoreDescription
    Glance__Stores__secondary__BlobServiceUri: secondStoreBlobEndpoint
    Glance__Stores__secondary__Container: empty(secondStoreBlobEndpoint) ? '' : 'images'
    Glance__Stores__secondary__Description: secondStoreDescription
  }
}

output id string = functionApp.id
output name string = functionApp.name
output uri string = 'https://${functionApp.properties.defaultHostName}'
