#!/bin/sh
# azd postdeploy hook: subscribe the validation function's blob webhook to BlobCreated events of the upload
# container. azd exports the environment's Bicep outputs (infra/main.bicep) as environment variables.
set -eu

function_name="ValidateUploadedImage"
subscription_name="images-blob-created"

for name in AZURE_RESOURCE_GROUP AZURE_FUNCTION_APP_NAME STORAGE_SYSTEM_TOPIC_NAME STORAGE_UPLOAD_CONTAINER_NAME; do
  eval "value=\${$name:-}"
  if [ -z "$value" ]; then
    echo "postdeploy: $name is not set; run 'azd provision' first." >&2
    exit 1
  fi
done

if ! command -v az >/dev/null 2>&1; then
  echo "postdeploy: the Azure CLI (az) is required." >&2
  exit 1
fi

# The host creates the blobs_extension system key when it first starts with the Event Grid blob trigger,
# which can lag the deployment by a minute or two.
key=""
attempt=1
while [ "$attempt" -le 20 ]; do
  key=$(az functionapp keys list \
    --resource-group "$AZURE_RESOURCE_GROUP" \
    --name "$AZURE_FUNCTION_APP_NAME" \
    --query "systemKeys.blobs_extension" \
    --output tsv 2>/dev/null || true)
  if [ -n "$key" ]; then
    break
  fi
  echo "postdeploy: waiting for the blobs_extension key (attempt $attempt of 20)..."
  sleep 15
  attempt=$((attempt + 1))
done

if [ -z "$key" ]; then
  echo "postdeploy: no blobs_extension key on $AZURE_FUNCTION_APP_NAME; is $function_name deployed?" >&2
  exit 1
fi

endpoint="https://${AZURE_FUNCTION_APP_NAME}.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.${function_name}&code=${key}"

# Trailing slash: a container named images-old must not match.
az eventgrid system-topic event-subscription create \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --system-topic-name "$STORAGE_SYSTEM_TOPIC_NAME" \
  --name "$subscription_name" \
  --endpoint-type webhook \
  --endpoint "$endpoint" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with "/blobServices/default/containers/${STORAGE_UPLOAD_CONTAINER_NAME}/" \
  --output none

echo "postdeploy: $STORAGE_SYSTEM_TOPIC_NAME -> $function_name subscription '$subscription_name' is in place."
