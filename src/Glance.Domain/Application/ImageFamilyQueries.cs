using Glance.Domain.Errors;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Listing;
using Glance.Domain.Policy;
using Glance.Domain.Ports;

namespace Glance.Domain.Application;

/// <summary>
/// GET /v2/families/{family}/latest: the newest image of the family the caller would see in its default list that is
/// active, not deprecated and not hidden. It reads the family's scopes newest first and stops at the first candidate,
/// so its cost does not grow with the family.
/// </summary>
public sealed class ImageFamilyQueries(IImageRepository repository, ImagePolicy policy)
{
    /// <summary>Rows a read asks for at a time: the newest images of a family are normally the candidates.</summary>
    public const int ReadSize = 20;

    public async Task<Image> LatestAsync(Caller caller, string family, CancellationToken cancellationToken = default)
    {
        policy.EnforceList(caller);
        if (family.Length == 0)
        {
            throw GlanceErrors.NoLatestInFamily(family);
        }
        var isAdmin = policy.IsAdmin(caller);
        var sources = ListingScope.SourcesFor(caller, isAdmin, visibilityFilter: null).Select(s => s.InFamily(family)).ToList();
        var narrowing = new List<ImageFieldMatch> { new("status", [ImageStatus.Active.ToWire()]), new("os_hidden", ["false"]) };
        await foreach (var (image, membership) in repository.ListNewestFirstAsync(sources, narrowing, after: null, ReadSize, cancellationToken))
        {
            if (ImageFamilies.Of(image) == family && ImageFamilies.IsCandidate(image)
                && ImageListScope.Includes(caller, isAdmin, image, visibilityFilter: null, memberStatus: "accepted", membership)
                && policy.CanGet(caller, image))
            {
                return policy.ViewFor(caller, image);
            }
        }
        throw GlanceErrors.NoLatestInFamily(family);
    }
}
