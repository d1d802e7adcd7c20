metadata description = 'Event Grid system topic over a storage account. Its subscription to the blob-trigger webhook is created after deploy, once the blobs_extension key exists (infra/hooks/postdeploy.*).'

param name string
param location string
param tags object = {}

@description('Name of the storage account whose blob events the topic publishes (same resource group).')
param storageAccountName string

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  // A system topic lives in its source's region.
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output id string = systemTopic.id
output name string = systemTopic.name
