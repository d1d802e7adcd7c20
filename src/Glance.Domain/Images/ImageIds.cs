namespace Glance.Domain.Images;

/// <summary>
/// The one stored form of an image id. Glance on MySQL (its usual database) finds an image whatever the case of the
/// id, because the column's collation ignores case; on sqlite it does not, and it stores the id as the client chose it.
/// Here ids are stored lower-case and every id that names an image (a path, a body, a marker) is lowered before it is
/// looked up, so an id in any case names one image and two ids that differ only in case can never name two.
/// </summary>
public static class ImageIds
{
    /// <summary>The id lower-cased when it is a UUID; anything else unchanged, as it names no image anyway.</summary>
    public static string Canonical(string id) =>
        ImageAttributeWriter.IsValidImageId(id) ? id.ToLowerInvariant() : id;
}
