using System.Runtime.CompilerServices;
using Azure;
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
    private static readonly ConditionalWeakTable<Image, LoadedImage> Loaded = new();

    public static void Remember(Image image, LoadedImage loaded) => Loaded.AddOrUpdate(image, loaded);

    public static LoadedImage Of(Image image) =>
        Loaded.TryGetValue(image, out var loaded)
            ? loaded
            : throw new InvalidOperationException($"Image {image.Id} was not read through the repository; save only an image it returned.");
}

/// <param name="ImageETag">The image row's ETag: a save compare-and-sets on it.</param>
/// <param name="EventSequence">Events committed so far for the image: the next event's number.</param>
/// <param name="MarkerScopes">The scopes the listing marker named: where a copy may be that the new state must delete.</param>
internal sealed record LoadedImage(ETag ImageETag, long EventSequence, IReadOnlyList<ImageMember> Members, IReadOnlyList<string> MarkerScopes);
