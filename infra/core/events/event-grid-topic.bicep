metadata description = 'Event Grid custom topic for Glance notifications (image.create ... image.delete), CloudEvents 1.0, Entra ID publishers only.'

param name string
param location string
param tags object = {}

resource topic 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    // No access keys or topic SAS: the app publishes with its managed identity (EventGrid Data Sender).
    disableLocalAuth: true
    minimumTlsVersionAllowed: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

output id string = topic.id
output name string = topic.name
output endpoint string = topic.properties.endpoint
