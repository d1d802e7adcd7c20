#!/usr/bin/env pwsh
# azd postdeploy hook: subscribe the validation function's blob webhook to BlobCreated events of the upload
# container. azd exports the environment's Bicep outputs (infra/main.bicep) as environment variables.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$functionName = 'ValidateUploadedImage'
$subscriptionName = 'images-blob-created'

foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'STORAGE_SYSTEM_TOPIC_NAME', 'STORAGE_UPLOAD_CONTAINER_NAME') {
    if ([string]::IsNullOrEmpty([Environment]::GetEnvironmentVariable($name))) {
        Write-Error "postdeploy: $name is not set; run 'azd provision' first."
    }
}

if (-not (Get-Command az -ErrorAction SilentlyContinue)) {
    Write-Error 'postdeploy: the Azure CLI (az) is required.'
}

$resourceGroup = $env:AZURE_RESOURCE_GROUP
$appName = $env:AZURE_FUNCTION_APP_NAME
$systemTopicName = $env:STORAGE_SYSTEM_TOPIC_NAME
$uploadContainer = $env:STORAGE_UPLOAD_CONTAINER_NAME

# The host creates the blobs_extension system key when it first starts with the Event Grid blob trigger,
# which can lag the deployment by a minute or two.
$key = ''
for ($attempt = 1; $attempt -le 20; $attempt++) {
    $key = az functionapp keys list --resource-group $resourceGroup --name $appName `
        --query 'systemKeys.blobs_extension' --output tsv 2>$null
    if ($LASTEXITCODE -eq 0 -and -not [string]::IsNullOrWhiteSpace($key)) {
        break
    }
    $key = ''
    Write-Host "postdeploy: waiting for the blobs_extension key (attempt $attempt of 20)..."
    Start-Sleep -Seconds 15
}

if ([string]::IsNullOrWhiteSpace($key)) {
    Write-Error "postdeploy: no blobs_extension key on $appName; is $functionName deployed?"
}

$endpoint = "https://$appName.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.$functionName&code=$($key.Trim())"
# On Windows az is az.cmd: cmd.exe would split the URL at '&' unless the argument carries its own quotes.
$endpointArgument = if ($env:OS -eq 'Windows_NT') { "`"$endpoint`"" } else { $endpoint }

# Trailing slash: a container named images-old must not match.
az eventgrid system-topic event-subscription create `
    --resource-group $resourceGroup `
    --system-topic-name $systemTopicName `
    --name $subscriptionName `
    --endpoint-type webhook `
    --endpoint $endpointArgument `
    --included-event-types Microsoft.Storage.BlobCreated `
    --subject-begins-with "/blobServices/default/containers/$uploadContainer/" `
    --output none
if ($LASTEXITCODE -ne 0) {
    Write-Error 'postdeploy: creating the event subscription failed.'
}

Write-Host "postdeploy: $systemTopicName -> $functionName subscription '$subscriptionName' is in place."
