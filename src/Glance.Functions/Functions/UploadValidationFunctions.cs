using Azure.Storage.Blobs;
using Glance.Domain.Application;
using Glance.Domain.Images;
using Glance.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Glance.Functions.Functions;

/// <summary>
/// Validates bytes uploaded through an upload URL: Event Grid's BlobCreated in Azure (Flex Consumption has no
/// polling blob trigger), container polling in the local host. Delivery is at least once and may be concurrent;
/// the service makes that harmless (whoever seals the blob validates it).
/// </summary>
public sealed class UploadValidationFunctions(ImageDataService data, ILogger<UploadValidationFunctions> logger)
{
    [Function(nameof(ValidateUploadedImage))]
    public async Task ValidateUploadedImage(
        [BlobTrigger(StorageOptions.UploadsContainer + "/{name}", Source = BlobTriggerSource.EventGrid, Connection = StorageOptions.ConnectionName)]
        BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        if (!ImageAttributeWriter.IsValidImageId(name))
        {
            logger.LogWarning("Ignoring blob {Blob}: its name is not an image id", blob.Name);
            return;
        }
        logger.LogInformation("Blob for image {ImageId} arrived; validating", name);
        await data.ValidateUploadAsync(name, cancellationToken);
    }
}
