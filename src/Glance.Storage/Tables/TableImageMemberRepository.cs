using System.Net;
using Azure;
using Azure.Data.Tables;
using Glance.Domain.Events;
using Glance.Domain.Listing;
using Glance.Domain.Members;
using Glance.Storage.Events;
using Glance.Domain.Ports;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Tables;

/// <summary>
/// Members in the image's own partition of the images table (RowKey <c>member:&lt;project&gt;</c>): listing an image's
/// members is one partition read, and a member change can share a transaction with the image's events.
/// </summary>
public sealed class TableImageMemberRepository(
    TableServiceClient tables, EventOutbox outbox, ListingIndex listing, IOptions<StorageOptions> options, IOptions<EventOptions> events,
    TimeProvider clock) : IImageMemberRepository
{
    private const string Prefix = "member:";

    /// <summary>Just past the last member row key (';' follows ':').</summary>
    internal const string RowKeyEnd = "member;";
    private readonly TableClient _images = tables.GetTableClient(options.Value.ImagesTable);
    private readonly ImagePartitionWriter _writer = new(tables.GetTableClient(options.Value.ImagesTable), outbox, events.Value.Enabled);

    public async Task AddAsync(ImageMember member, ImageEvent @event, CancellationToken cancellationToken = default)
    {
        await _writer.CommitBesideImageAsync(member.ImageId,
            () => [new(TableTransactionActionType.Add, ToEntity(member)), MarkListingPending(member)], [@event], cancellationToken);
        await listing.SyncAsync(member.ImageId, CancellationToken.None);
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
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {imageId} and RowKey ge {Prefix} and RowKey lt {RowKeyEnd}");
        var result = new List<ImageMember>();
        await foreach (var entity in _images.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            result.Add(ToMember(entity));
        }
        return result;
    }

    public async Task<ImageMember> SaveAsync(ImageMember member, ImageEvent @event, CancellationToken cancellationToken = default)
    {
        await _writer.CommitBesideImageAsync(member.ImageId,
            () => [new(TableTransactionActionType.UpdateReplace, ToEntity(member), new ETag(member.Version!)), MarkListingPending(member)],
            [@event], cancellationToken);
        await listing.SyncAsync(member.ImageId, CancellationToken.None);
        return await FindAsync(member.ImageId, member.MemberId, cancellationToken) ?? member;
    }

    public async Task<bool> RemoveAsync(ImageMember member, ImageEvent @event, CancellationToken cancellationToken = default)
    {
        try
        {
            await _writer.CommitBesideImageAsync(member.ImageId,
                () => [new(TableTransactionActionType.Delete, ToEntity(member), ETag.All), MarkListingPending(member)], [@event], cancellationToken);
            await listing.SyncAsync(member.ImageId, CancellationToken.None);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }
    }

    /// <summary>The member's scope goes in the marker: once its row is gone, nothing else says its copy may exist.</summary>
    private TableTransactionAction MarkListingPending(ImageMember member) =>
        ListingIndex.MarkPending(member.ImageId, [ListingScope.SharedWith(member.MemberId)], clock.GetUtcNow());

    internal static TableEntity ToEntity(ImageMember member) => new(member.ImageId, Prefix + member.MemberId)
    {
        ["Status"] = member.Status,
        ["CreatedAt"] = member.CreatedAt,
        ["UpdatedAt"] = member.UpdatedAt,
    };

    internal static bool IsMemberRow(TableEntity e) => e.RowKey.StartsWith(Prefix, StringComparison.Ordinal);

    internal static ImageMember ToMember(TableEntity e) => new(
        e.PartitionKey, e.RowKey[Prefix.Length..], e.GetString("Status") ?? ImageMember.Pending,
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.UnixEpoch, e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.UnixEpoch)
    {
        Version = e.ETag.ToString(),
    };
}
