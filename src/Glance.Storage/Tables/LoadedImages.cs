using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Glance.Domain.Images;
using Glance.Domain.Members;

namespace Glance.Storage.Tables;

/// <summary>
/// What each <see cref="Image"/> the repositories handed out was read (or last written) with: the row's ETag for the
/// compare-and-set, the outbox sequence, the members and the listing marker. The domain object carries none of this
/// storage bookkeeping; a weak table attaches it to the object itself, so it lives exactly as long as the image does
/// and a save needs no second read to know what the copies were.
/// </summary>
internal static class LoadedImages
{
    private static readonly ConditionalWeakTable<Image, PartitionState> Loaded = new();

    public static void Remember(Image image, PartitionState state) => Loaded.AddOrUpdate(image, state);

    public static PartitionState Of(Image image) =>
        Loaded.TryGetValue(image, out var state)
            ? state
            : throw new InvalidOperationException($"Image {image.Id} was not read through the repository; save only an image it returned.");
}

/// <summary>An image partition's state as read or committed: what a change is decided on and compare-and-sets against.</summary>
/// <param name="ImageRow">The image row with its ETag; never modified once built.</param>
/// <param name="MarkerScopes">The scopes the listing marker named: where a copy may be that the next state must delete.</param>
internal sealed record PartitionState(TableEntity ImageRow, IReadOnlyList<ImageMember> Members, IReadOnlyList<string> MarkerScopes)
{
    public ETag ImageETag => ImageRow.ETag;

    /// <summary>Events committed so far for the image: the next event's number.</summary>
    public long EventSequence => ImageRow.GetInt64("EventSequence") ?? 0;

    /// <summary>Every scope a copy of this state or an earlier one may be in.</summary>
    public IReadOnlyList<string> FormerScopes => [.. MarkerScopes.Concat(ListingIndex.MemberScopeNames(Members)).Distinct(StringComparer.Ordinal)];

    /// <summary>The image this state holds, a new object each time, remembered with it.</summary>
    public ImageWithMembers Materialize()
    {
        var image = ImageEntityMapper.ToImage(ImageRow);
        LoadedImages.Remember(image, this);
        return new ImageWithMembers(image, Members);
    }
}
