using System.Text.Json;
using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Members;
using Glance.Domain.Ports;

namespace Glance.Domain.Application;

/// <summary>
/// Sharing an image with other projects (glance/api/v2/image_members.py): only shared images have members, the
/// owner adds and removes them, only the member itself (or an admin) accepts or rejects.
/// </summary>
public sealed class ImageMemberService(ImageAccess access, IImageMemberRepository members, ImageMemberOptions options, TimeProvider clock)
{
    public async Task<ImageMember> AddAsync(Caller caller, string imageId, JsonElement body, CancellationToken cancellationToken = default)
    {
        var memberId = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("member", out var m) && m.ValueKind == JsonValueKind.String
            ? m.GetString()!
            : throw GlanceException.BadRequest("Member to be added not specified");
        if (memberId.Length is 0 or > 255)
        {
            throw GlanceException.BadRequest("Member to be added not specified");
        }
        // Project ids are storage keys here: characters Table Storage refuses in a key cannot name a project.
        if (memberId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw GlanceException.BadRequest($"Invalid member id: {memberId}");
        }
        if (ImageAttributeWriter.HasFourByteCharacters(memberId))
        {
            throw GlanceException.BadRequest("Member can't contain 4 byte unicode characters.");
        }
        var image = await SharedImageAsync(caller, imageId, "create", cancellationToken);
        EnsureOwner(caller, image, "create");
        var existing = await members.ListAsync(imageId, cancellationToken);
        if (existing.Any(x => x.MemberId == memberId))
        {
            throw Duplicated(memberId, imageId);
        }
        if (options.ImageMemberQuota >= 0 && existing.Count + 1 > options.ImageMemberQuota)
        {
            throw GlanceException.TooLarge(
                $"The limit has been exceeded on the number of allowed image members for this image. Attempted: {existing.Count + 1}, Maximum: {options.ImageMemberQuota}");
        }
        var now = clock.GetUtcNow();
        var member = new ImageMember(imageId, memberId, ImageMember.Pending, now, now);
        try
        {
            await members.AddAsync(member, ImageEvents.MemberCreate(member, now), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            throw Duplicated(memberId, imageId);
        }
        return member;
    }

    /// <summary>The owner and admins see every member; a member sees only its own entry.</summary>
    public async Task<IReadOnlyList<ImageMember>> ListAsync(Caller caller, string imageId, CancellationToken cancellationToken = default)
    {
        var image = await SharedImageAsync(caller, imageId, "list", cancellationToken);
        var all = await members.ListAsync(imageId, cancellationToken);
        return IsOwnerOrAdmin(caller, image) ? all : all.Where(x => x.MemberId == caller.ProjectId).ToList();
    }

    /// <summary>Any refusal is 404 here, so a stranger learns nothing about who an image is shared with.</summary>
    public async Task<ImageMember> GetAsync(Caller caller, string imageId, string memberId, CancellationToken cancellationToken = default)
    {
        var notFound = MemberNotFound(memberId, imageId);
        Image image;
        try
        {
            image = await SharedImageAsync(caller, imageId, "show", cancellationToken);
        }
        catch (GlanceException e) when (e.Kind == GlanceErrorKind.Forbidden)
        {
            throw notFound;
        }
        if (!IsOwnerOrAdmin(caller, image) && memberId != caller.ProjectId)
        {
            throw notFound;
        }
        return await members.FindAsync(imageId, memberId, cancellationToken) ?? throw notFound;
    }

    public async Task<ImageMember> UpdateStatusAsync(
        Caller caller, string imageId, string memberId, JsonElement body, CancellationToken cancellationToken = default)
    {
        var status = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()!
            : throw GlanceException.BadRequest("Status not specified");
        if (!ImageMember.Statuses.Contains(status))
        {
            throw GlanceException.BadRequest("Incorrect request: Status must be \"pending\", \"accepted\" or \"rejected\".");
        }
        await SharedImageAsync(caller, imageId, "update", cancellationToken);
        if (!caller.IsAdmin && memberId != caller.ProjectId)
        {
            throw GlanceException.Forbidden($"Not allowed to update members for image {imageId}.");
        }
        for (var attempt = 1; ; attempt++)
        {
            var member = await members.FindAsync(imageId, memberId, cancellationToken) ?? throw MemberNotFound(memberId, imageId);
            try
            {
                var changed = member with { Status = status, UpdatedAt = clock.GetUtcNow() };
                return await members.SaveAsync(changed, ImageEvents.MemberUpdate(changed, changed.UpdatedAt), cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < 8)
            {
            }
            catch (ConcurrencyConflictException)
            {
                throw GlanceException.Conflict($"Member {memberId} of image {imageId} was changed by another request; retry.");
            }
        }
    }

    public async Task RemoveAsync(Caller caller, string imageId, string memberId, CancellationToken cancellationToken = default)
    {
        var image = await SharedImageAsync(caller, imageId, "delete", cancellationToken);
        EnsureOwner(caller, image, "delete");
        var member = await members.FindAsync(imageId, memberId, cancellationToken) ?? throw MemberNotFound(memberId, imageId);
        if (!await members.RemoveAsync(member, ImageEvents.MemberDelete(member, clock.GetUtcNow()), cancellationToken))
        {
            throw MemberNotFound(memberId, imageId);
        }
    }

    private async Task<Image> SharedImageAsync(Caller caller, string imageId, string verb, CancellationToken cancellationToken)
    {
        Image image;
        try
        {
            image = await access.FindVisibleAsync(caller, imageId, cancellationToken);
        }
        catch (GlanceException e) when (e.Kind == GlanceErrorKind.NotFound)
        {
            throw GlanceException.NotFound($"Image {imageId} not found.");
        }
        if (image.Visibility != ImageVisibility.Shared)
        {
            // Glance: only shared images have members.
            throw GlanceException.Forbidden($"Not allowed to {verb} members for image {imageId}.");
        }
        return image;
    }

    private static GlanceException Duplicated(string memberId, string imageId) =>
        GlanceException.Conflict($"Member {memberId} is duplicated for image {imageId}");

    private static GlanceException MemberNotFound(string memberId, string imageId) =>
        GlanceException.NotFound($"{memberId} not found in the member list of the image {imageId}.");

    private static bool IsOwnerOrAdmin(Caller caller, Image image) => caller.IsAdmin || (caller.ProjectId is not null && image.Owner == caller.ProjectId);

    private static void EnsureOwner(Caller caller, Image image, string verb)
    {
        if (!IsOwnerOrAdmin(caller, image) || !(caller.IsAdmin || caller.HasRole("member")))
        {
            throw GlanceException.Forbidden($"Not allowed to {verb} members for image {image.Id}.");
        }
    }
}
