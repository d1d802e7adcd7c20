using System.Net;
using Azure;
using Azure.Data.Tables;
using Glance.Domain.Members;
using Glance.Domain.Ports;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Tables;

/// <summary>
/// Members in the image's own partition of the images table (RowKey <c>member:&lt;project&gt;</c>): listing an image's
/// members is one partition read, and a member change can share a transaction with the image's events.
/// </summary>
public sealed class TableImageMemberRepository(TableServiceClient tables, IOptions<StorageOptions> options) : IImageMemberRepository
{
    private const string Prefix = "member:";
    private readonly TableClient _images = tables.GetTableClient(options.Value.ImagesTable);

    public async Task AddAsync(ImageMember member, CancellationToken cancellationToken = default)
    {
        try
        {
            await _images.AddEntityAsync(ToEntity(member), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            throw new ConcurrencyConflictException($"Member {member.MemberId} of {member.ImageId} exists.", e);
        }
    }

    public async Task<ImageMember?> FindAsync(string imageId, string memberId, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.IsValid(imageId) || !TableKeys.IsValid(memberId))
        {
            return null;
        }
        var response = await _images.GetEntityIfExistsAsync<TableEntity>(imageId, Prefix + memberId, cancellationToken: cancellationToken);
        return response.HasValue ? ToMember(response.Value!) : null;
    }

    public async Task<IReadOnlyList<ImageMember>> ListAsync(string imageId, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {imageId} and RowKey ge {Prefix} and RowKey lt {"member;"}");
        var result = new List<ImageMember>();
        await foreach (var entity in _images.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(ToMember(entity));
        }
        return result;
    }

    public async Task<ImageMember> SaveAsync(ImageMember member, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await _images.UpdateEntityAsync(ToEntity(member), new ETag(member.Version!), TableUpdateMode.Replace, cancellationToken);
            return member with { Version = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            throw new ConcurrencyConflictException($"Member {member.MemberId} of {member.ImageId} changed since it was read.", e);
        }
    }

    public async Task<bool> RemoveAsync(string imageId, string memberId, CancellationToken cancellationToken = default)
    {
        if (!TableKeys.IsValid(memberId))
        {
            return false;
        }
        // The SDK reports deleting a missing entity as a 404 response, not an exception.
        var response = await _images.DeleteEntityAsync(imageId, Prefix + memberId, ETag.All, cancellationToken);
        return response.Status != (int)HttpStatusCode.NotFound;
    }

    private static TableEntity ToEntity(ImageMember member) => new(member.ImageId, Prefix + member.MemberId)
    {
        ["Status"] = member.Status,
        ["CreatedAt"] = member.CreatedAt,
        ["UpdatedAt"] = member.UpdatedAt,
    };

    private static ImageMember ToMember(TableEntity e) => new(
        e.PartitionKey, e.RowKey[Prefix.Length..], e.GetString("Status") ?? ImageMember.Pending,
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.UnixEpoch, e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.UnixEpoch)
    {
        Version = e.ETag.ToString(),
    };
}
