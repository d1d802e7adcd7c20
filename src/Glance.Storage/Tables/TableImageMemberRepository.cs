using Azure;
using Azure.Data.Tables;
using Glance.Domain.Events;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Members;
using Glance.Storage.Events;
using Glance.Domain.Ports;
using Microsoft.Extensions.Options;

namespace Glance.Storage.Tables;

/// <summary>
/// Members in the image's own partition of the images table (RowKey <c>member:&lt;project&gt;</c>), read with the image
/// (<see cref="TableImageRepository.FindWithMembersAsync"/>). A change commits the member row, the event and the
/// listing marker with a compare-and-set of the image row (advancing its event sequence), so the row's ETag orders
/// every change of the image and its members; then it writes the listing copies, with no read in between.
/// </summary>
public sealed class TableImageMemberRepository(
    TableServiceClient tables, EventOutbox outbox, ListingIndex listing, RecentPartitions recent, IOptions<StorageOptions> options,
    IOptions<EventOptions> events, TimeProvider clock) : IImageMemberRepository
{
    private const string Prefix = "member:";

    /// <summary>Just past the last member row key (';' follows ':').</summary>
    internal const string RowKeyEnd = "member;";
    private readonly ImagePartitionWriter _writer = new(tables.GetTableClient(options.Value.ImagesTable), outbox, recent, events.Value.Enabled);

    public Task AddAsync(Image image, ImageMember member, ImageEvent @event, CancellationToken cancellationToken = default) =>
        CommitAsync(image, TableTransactionActionType.Add, member, members => [.. members, member], @event, cancellationToken);

    public Task SaveAsync(Image image, ImageMember member, ImageEvent @event, CancellationToken cancellationToken = default) =>
        CommitAsync(image, TableTransactionActionType.UpdateReplace, member,
            members => members.Select(m => m.MemberId == member.MemberId ? member : m).ToList(), @event, cancellationToken);

    public Task RemoveAsync(Image image, ImageMember member, ImageEvent @event, CancellationToken cancellationToken = default) =>
        CommitAsync(image, TableTransactionActionType.Delete, member,
            members => members.Where(m => m.MemberId != member.MemberId).ToList(), @event, cancellationToken);

    private async Task CommitAsync(
        Image image, TableTransactionActionType action, ImageMember member, Func<IReadOnlyList<ImageMember>, IReadOnlyList<ImageMember>> after,
        ImageEvent @event, CancellationToken cancellationToken)
    {
        var loaded = LoadedImages.Of(image);
        var kept = _writer.Kept([@event]);
        var sequence = loaded.EventSequence + kept.Count;
        // The image row's compare-and-set stands for the member row's too: every member change makes one.
        var advance = new TableEntity(image.Id, ImagePartitionRows.Image(image.Id)) { ["EventSequence"] = sequence };
        // The member's scope goes in the marker: once its row is gone, nothing else says its copy may exist.
        var marker = ListingIndex.MarkPending(image.Id, [ListingScope.SharedWith(member.MemberId)], clock.GetUtcNow());
        var responses = await _writer.CommitAsync(image.Id,
            [
                new(TableTransactionActionType.UpdateMerge, advance, loaded.ImageETag),
                new(action, ToEntity(member), ETag.All),
                marker,
            ],
            loaded.EventSequence, kept, cancellationToken);
        var row = ImageEntityMapper.ToEntity(image, sequence);
        row.ETag = TableImageRepository.ETagOf(responses[0]);
        var members = after(loaded.Members);
        var formerScopes = loaded.FormerScopes;
        var state = new PartitionState(row, members, [.. formerScopes.Union(ListingIndex.ScopeNamesOf(marker))]);
        recent.Remember(image, state);
        await listing.WriteCopiesAsync(image.Id, row, image, members, formerScopes, TableImageRepository.ETagOf(responses[2]));
    }

    internal static TableEntity ToEntity(ImageMember member) => new(member.ImageId, Prefix + member.MemberId)
    {
        ["Status"] = member.Status,
        ["CreatedAt"] = member.CreatedAt,
        ["UpdatedAt"] = member.UpdatedAt,
    };

    internal static bool IsMemberRow(TableEntity e) => e.RowKey.StartsWith(Prefix, StringComparison.Ordinal);

    internal static ImageMember ToMember(TableEntity e) => new(
        e.PartitionKey, e.RowKey[Prefix.Length..], e.GetString("Status") ?? ImageMember.Pending,
        e.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.UnixEpoch, e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.UnixEpoch);
}
