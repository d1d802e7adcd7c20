using Glance.Domain.Stores;

namespace Glance.Domain.Ports;

/// <summary>
/// The URLs of store copies (Glance's image locations): each configured store's container URI followed by the image
/// id, no query. Only the service writes those containers, so a URL can only ever name bytes the service validated.
/// </summary>
public interface IImageLocations
{
    /// <summary>
    /// The store copy <paramref name="url"/> names; null when it names none: not an absolute http(s) URL, a query,
    /// fragment or credentials in it, an account or container that is no configured store (the upload area is none),
    /// or a blob name that is not an image id.
    /// </summary>
    ImageLocation? Find(string url);

    /// <summary>The URL of <paramref name="location"/>, as <see cref="Find"/> reads it back.</summary>
    string UrlOf(ImageLocation location);
}
