using Glance.Domain.Application;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Stores;

namespace Glance.Functions.Representation;

/// <summary>
/// The location fields of an image representation for one caller (Glance's show_multiple_locations and
/// show_image_direct_url): <c>locations</c> when <paramref name="ShowLocations"/>, <c>direct_url</c> (the first
/// location's URL, when there is one) when <paramref name="ShowDirectUrl"/>.
/// </summary>
public sealed record ImageLocationFields(
    Func<Image, IReadOnlyList<ImageLocation>> LocationsOf, Func<ImageLocation, string> UrlOf, bool Multistore, bool ShowLocations, bool ShowDirectUrl)
{
    /// <summary>The fields <paramref name="caller"/> is shown; null when neither option is on.</summary>
    public static ImageLocationFields? For(ImageLocationService locations, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(locations);
        return locations.ShownTo(caller) is { } shown
            ? new ImageLocationFields(shown, locations.UrlOf, locations.IsMultistore, locations.ShowsLocations, locations.ShowsDirectUrl)
            : null;
    }
}
