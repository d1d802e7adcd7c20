targetScope = 'subscription'

metadata description = 'Glance-compatible image service on Azure Functions Flex Consumption. azd provisions this file; see azure.yaml.'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds the unique resource names.')
param environmentName string

@minLength(1)
@description('Region of every resource. It must offer Flex Consumption with the dotnet-isolated 10.0 stack.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Principal id of the deploying user, granted data access for local debugging. Empty: none.')
param principalId string = ''

@description('Kind of principal principalId is: User locally, ServicePrincipal from CI.')
@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@description('How requests are authenticated: Entra ID / OIDC bearer tokens (jwt) or OpenStack Keystone tokens (keystone).')
@allowed(['jwt', 'keystone'])
param authMode string = 'jwt'

@description('JWT issuer (authority) URL, for authMode jwt.')
param jwtAuthority string = ''

@description('JWT audience, for authMode jwt.')
param jwtAudience string = ''

@description('Resource group name; empty: rg-<environmentName>.')
param resourceGroupName string = ''

@description('Region of a second image store (its own storage account, e.g. another region for copies near other users). Empty: one store, the main account\'s images container.')
param secondStoreLocation string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-glance-${resourceToken}'

// Blob containers. Served image bytes live in `images`, one blob per image, written only by the service (PUT
// /file, stage, web-download, and validation's copy). Clients upload into `uploads` with a user-delegation SAS
// scoped to one blob; the validation function (blob trigger, Event Grid source) freezes that blob in a snapshot,
// inspects it and copies it into `images`, so nothing a URL holder does reaches served bytes.
var imagesContainerName = 'images'
var uploadsContainerName = 'uploads'
// Flex Consumption pulls the app package from this container.
var deploymentContainerName = 'app-package'

var withSecondStore = !empty(secondStoreLocation)
// Stores (Glance:Stores, docs/stores.md): with a second store, the original container stays the default store
// ("primary"), so images stored before keep their bytes where they are; the second is "secondary".

var tableNames = ['images', 'imageindex', 'imagetasks', 'imageevents']
// The import queue (StorageOptions.ImportQueue) and the poison queue the Functions host moves failed messages to.
var queueNames = ['image-imports', 'image-imports-poison']

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'core/security/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-glance-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'stglance${resourceToken}'
    location: location
    tags: tags
    containerNames: [imagesContainerName, uploadsContainerName, deploymentContainerName]
    tableNames: tableNames
    queueNames: queueNames
  }
}

// A second store: a container in an account of its own, keyless as the main one, reached with the same identity.
module secondStore 'core/storage/storage-account.bicep' = if (withSecondStore) {
  name: 'secondStore'
  scope: rg
  params: {
    name: 'stglance2${take(resourceToken, 15)}'
    location: withSecondStore ? secondStoreLocation : location
    tags: tags
    containerNames: [imagesContainerName]
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-glance-${resourceToken}'
    applicationInsightsName: 'appi-glance-${resourceToken}'
    location: location
    tags: tags
  }
}

module notifications 'core/events/event-grid-topic.bicep' = {
  name: 'notifications'
  scope: rg
  params: {
    name: 'evgt-glance-${resourceToken}'
    location: location
    tags: tags
  }
}

module storageEvents 'core/events/storage-system-topic.bicep' = {
  name: 'storageEvents'
  scope: rg
  params: {
    name: 'evgst-glance-${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    eventGridTopicName: notifications.outputs.name
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
    secondStoreAccountName: withSecondStore ? secondStore!.outputs.name : ''
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-glance-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    eventGridTopicEndpoint: notifications.outputs.endpoint
    authMode: authMode
    jwtAuthority: jwtAuthority
    jwtAudience: jwtAudience
    secondStoreBlobEndpoint: withSecondStore ? secondStore!.outputs.blobEndpoint : ''
    primaryStoreDescription: withSecondStore ? 'Main account, ${location}' : ''
    secondStoreDescription: withSecondStore ? 'Second account, ${secondStoreLocation}' : ''
  }
  // The host starts as soon as the app exists; granting its data roles first spares it a round of 403s.
  dependsOn: [rbac]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output STORAGE_UPLOAD_CONTAINER_NAME string = uploadsContainerName
output AZURE_SECOND_STORE_ACCOUNT_NAME string = withSecondStore ? secondStore!.outputs.name : ''
output STORAGE_SYSTEM_TOPIC_NAME string = storageEvents.outputs.name
output EVENTGRID_TOPIC_NAME string = notifications.outputs.name
output EVENTGRID_TOPIC_ENDPOINT string = notifications.outputs.endpoint
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
