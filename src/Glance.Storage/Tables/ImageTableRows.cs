using Azure.Data.Tables;
using Glance.Domain.Images;
using Glance.Domain.Members;

namespace Glance.Storage.Tables;

/// <summary>
/// Every table row the service keeps for one image, as a completed sync leaves them: <see cref="Partition"/> for the
/// images table (the image row, its member rows, the marker saying its listing copies are in place) and
/// <see cref="ListingCopies"/> for the listing index table, one per scope that lists the image. Built by the code the
/// repositories use, for tools that write a whole catalogue at once: the listing benchmark seeds 100k images in
/// batches, where the repositories would take one image, and several requests, at a time.
/// </summary>
public sealed record ImageTableRows(IReadOnlyList<TableEntity> Partition, IReadOnlyList<TableEntity> ListingCopies)
{
    public static ImageTableRows Of(Image image, IReadOnlyList<ImageMember> members)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(members);
        var row = ImageEntityMapper.ToEntity(image, eventSequence: 0);
        var copies = ListingIndex.CopiesOf(row, image, members);
        return new(
            [row, .. members.Select(TableImageMemberRepository.ToEntity), ListingIndex.SyncedMarker(image.Id, copies.Keys)],
            [.. copies.Values]);
    }
}
