metadata description = 'Every role assignment of the deployment, least privilege, each on the one resource it is needed for.'

param storageAccountName string
param applicationInsightsName string
param eventGridTopicName string

@description('Principal (object) id of the function app\'s user-assigned identity.')
param appPrincipalId string

@description('Principal id of the person (or CI principal) deploying, for local debugging against the cloud data. Empty: no assignment.')
param userPrincipalId string = ''

@allowed(['User', 'ServicePrincipal', 'Group'])
param userPrincipalType string = 'User'

@description('Storage account of the second image store. Empty: none.')
param secondStoreAccountName string = ''

// Built-in role definition ids (the same in every tenant).
// Storage Blob Data Owner: read/write/delete blobs and containers. The Functions host needs Owner rather than
// Contributor for AzureWebJobsStorage and for a blob trigger's connection.
var storageBlobDataOwnerRoleId = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
// Storage Table Data Contributor: Glance metadata tables (images, imageindex, imagetasks, imageevents) and host state.
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
// Storage Queue Data Contributor: the import queue (image-imports: the API sends, the RunImageImport queue trigger
// reads and deletes, the host moves failures to image-imports-poison) and the host's own queues.
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
// EventGrid Data Sender: publish CloudEvents to the notification topic with an Entra token.
var eventGridDataSenderRoleId = 'd5a91429-5739-47e2-a06b-3470a27159e7'
// Storage Blob Data Contributor: the second image store's account needs no more than blob data: copies, their
// leases and snapshots, and user delegation keys (for download URLs and copy sources). No host state lives there.
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
// Monitoring Metrics Publisher: send telemetry to an Application Insights component whose local auth is off.
var monitoringMetricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

// Not assigned, on purpose:
// - Storage Blob Delegator (db58b8e5-c6ad-4a2a-8342-4190687cbf4a) grants only
//   blobServices/generateUserDelegationKey/action, which Storage Blob Data Owner already includes at the
//   account scope used here. Assigning it as well would add nothing; it becomes necessary only if Blob Data
//   Owner is narrowed to container scopes, because the delegation key is requested at the account level.
// - Storage Account Contributor: the Functions docs list it for AzureWebJobsStorage only for the polling blob
//   trigger, which scans storage logs. Flex Consumption supports only the Event Grid source, which does not.

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource secondStore 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: !empty(secondStoreAccountName) ? secondStoreAccountName : storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource eventGridTopic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: eventGridTopicName
}

// The app identity. principalType is given so a brand-new identity is not rejected before it replicates.

resource appBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appPrincipalId, storageBlobDataOwnerRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwnerRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'Functions host storage, deployment package, Glance image data and user-delegation SAS keys.'
  }
}

resource appTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appPrincipalId, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'Glance metadata tables and Functions host tables.'
  }
}

resource appQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, appPrincipalId, storageQueueDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributorRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'The import queue and its poison queue (send, read, delete), and the Functions host queues.'
  }
}

resource appEventGridDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(eventGridTopic.id, appPrincipalId, eventGridDataSenderRoleId)
  scope: eventGridTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', eventGridDataSenderRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'Publish Glance notifications.'
  }
}

resource appMonitoringMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appPrincipalId, monitoringMetricsPublisherRoleId)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisherRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'Entra ID-authenticated telemetry.'
  }
}

// The deploying user, for running the app locally against the deployed data. Not needed in production.

resource userBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(storage.id, userPrincipalId, storageBlobDataOwnerRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwnerRoleId)
    principalId: userPrincipalId
    principalType: userPrincipalType
    description: 'Local debugging: Glance image data.'
  }
}

resource userTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(storage.id, userPrincipalId, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: userPrincipalId
    principalType: userPrincipalType
    description: 'Local debugging: Glance metadata tables.'
  }
}

resource userQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(userPrincipalId)) {
  name: guid(storage.id, userPrincipalId, storageQueueDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributorRoleId)
    principalId: userPrincipalId
    principalType: userPrincipalType
    description: 'Local debugging: the import queue (a local run accepts and runs imports).'
  }
}

resource appSecondStoreBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(secondStoreAccountName)) {
  name: guid(secondStore.id, appPrincipalId, storageBlobDataContributorRoleId)
  scope: secondStore
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'Glance image copies in the second store.'
  }
}
