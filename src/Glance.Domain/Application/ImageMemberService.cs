using Glance.Domain.Errors;
using Glance.Domain.Events;
using Glance.Domain.Identity;
using Glance.Domain.Images;
using Glance.Domain.Members;
using Glance.Domain.Policy;
using Glance.Domain.Ports;

namespace Glance.Domain.Application;

/// <summary>
/// Sharing an image with other projects (glance/api/v2/image_members.py, secure RBAC): only shared images have members;
/// the rules add_member, get_member(s), modify_member and delete_member decide who may do what (by default the
/// owner adds and removes members, only the member itself or an admin accepts or rejects), each after get_image, so
/// a caller who may not see the image gets 404. As in Glance's database, a caller other than an admin or the owner
/// sees only its own membership.
/// </summary>
public sealed class ImageMemberService(
    ImageAccess access, IImageMemberRepository members, ImagePolicy policy, IDataUrlIssuer urls, ImageMemberOptions options, ImageUpdater updater,
    TimeProvider clock)
{
    /// <summary>POST /v2/images/{id}/members: <paramref name="memberId"/> (a project) may see the image once it accepts.</summary>
    public async Task<ImageMember> AddAsync(Caller caller, string imageId, string memberId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(memberId);
        imageId = ImageIds.Canonical(imageId);
        if (memberId.Length is 0 or > 255)
        {
            throw GlanceErrors.MemberNotSpecified();
        }
        // Project ids are storage keys here: characters Table Storage refuses in a key cannot name a project.
        if (memberId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw GlanceErrors.InvalidMemberId(memberId);
        }
        if (ImageAttributeWriter.HasFourByteCharacters(memberId))
        {
            throw GlanceErrors.MemberWithFourByteCharacters();
        }
        // A lost race decides again on what is there now: a member added meanwhile is a duplicate.
        return await updater.UpdateFromRecentAsync(async recentIsEnough =>
        {
            var found = await SharedImageAsync(caller, imageId, "create", recentIsEnough, cancellationToken);
            policy.EnforceMember(ImagePolicyDefaults.AddMember, caller, found.Image);
            if (found.MemberOf(memberId) is not null)
            {
                throw GlanceErrors.MemberDuplicated(memberId, imageId);
            }
            if (options.ImageMemberQuota >= 0 && found.Members.Count + 1 > options.ImageMemberQuota)
            {
                throw GlanceErrors.MemberQuotaExceeded(found.Members.Count + 1, options.ImageMemberQuota);
            }
            var now = clock.GetUtcNow();
            var member = new ImageMember(imageId, memberId, ImageMember.Pending, now, now);
            await members.AddAsync(found.Image, member, ImageEvents.MemberCreate(member, now), cancellationToken);
            return member;
        }, () => GlanceErrors.MemberChangedMeanwhile(memberId, imageId), cancellationToken);
    }

    /// <summary>The owner and admins see every member; a member sees only its own entry.</summary>
    public async Task<IReadOnlyList<ImageMember>> ListAsync(Caller caller, string imageId, CancellationToken cancellationToken = default)
    {
        imageId = ImageIds.Canonical(imageId);
        var found = await SharedImageAsync(caller, imageId, "list", cancellationToken);
        policy.EnforceMember(ImagePolicyDefaults.GetMembers, caller, found.Image);
        // get_member decides for every entry alike: its target is the image, not the member.
        return !policy.Check(ImagePolicyDefaults.GetMember, caller, PolicyTarget.ForImage(found.Image, caller))
            ? []
            : found.Members.Where(x => SeesMember(caller, found.Image, x.MemberId)).ToList();
    }

    /// <summary>Any refusal is 404 here, so a stranger learns nothing about who an image is shared with.</summary>
    public async Task<ImageMember> GetAsync(Caller caller, string imageId, string memberId, CancellationToken cancellationToken = default)
    {
        imageId = ImageIds.Canonical(imageId);
        try
        {
            return LookUpMember(caller, await SharedImageAsync(caller, imageId, "show", cancellationToken), memberId);
        }
        catch (GlanceException e) when (e.Kind == GlanceErrorKind.NotAllowed)
        {
            throw new GlanceException(GlanceErrorKind.NotFound, e.Message);
        }
    }

    /// <summary>PUT /v2/images/{id}/members/{member}: <paramref name="status"/> is checked only once the rules allow the change, as Glance does.</summary>
    public async Task<ImageMember> UpdateStatusAsync(
        Caller caller, string imageId, string memberId, string status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        imageId = ImageIds.Canonical(imageId);
        return await updater.UpdateFromRecentAsync(async recentIsEnough =>
        {
            var found = await SharedImageAsync(caller, imageId, "update", recentIsEnough, cancellationToken);
            var member = LookUpMember(caller, found, memberId);
            policy.EnforceMember(ImagePolicyDefaults.ModifyMember, caller, found.Image);
            // Glance's member object checks the value only when it is set, after the rules.
            if (!ImageMember.Statuses.Contains(status))
            {
                throw GlanceErrors.InvalidMemberStatus();
            }
            var changed = member with { Status = status, UpdatedAt = clock.GetUtcNow() };
            await members.SaveAsync(found.Image, changed, ImageEvents.MemberUpdate(changed, changed.UpdatedAt), cancellationToken);
            return changed;
        }, () => GlanceErrors.MemberChangedMeanwhile(memberId, imageId), cancellationToken);
    }

    public async Task RemoveAsync(Caller caller, string imageId, string memberId, CancellationToken cancellationToken = default)
    {
        imageId = ImageIds.Canonical(imageId);
        await updater.UpdateFromRecentAsync(async recentIsEnough =>
        {
            var found = await SharedImageAsync(caller, imageId, "delete", recentIsEnough, cancellationToken);
            var member = LookUpMember(caller, found, memberId);
            policy.EnforceMember(ImagePolicyDefaults.DeleteMember, caller, found.Image);
            await members.RemoveAsync(found.Image, member, ImageEvents.MemberDelete(member, clock.GetUtcNow()), cancellationToken);
            return member;
        }, () => GlanceErrors.MemberChangedMeanwhile(memberId, imageId), cancellationToken);
        // The former member may hold download URLs; they end now, for everyone, and others ask again.
        await urls.RevokeDownloadUrlsAsync(imageId, cancellationToken);
    }

    private Task<ImageWithMembers> SharedImageAsync(Caller caller, string imageId, string verb, CancellationToken cancellationToken) =>
        SharedImageAsync(caller, imageId, verb, toChange: false, cancellationToken);

    private async Task<ImageWithMembers> SharedImageAsync(Caller caller, string imageId, string verb, bool toChange, CancellationToken cancellationToken)
    {
        ImageWithMembers found;
        try
        {
            found = await access.FindVisibleWithMembersAsync(caller, imageId, toChange, cancellationToken);
        }
        catch (GlanceException e) when (e.Kind == GlanceErrorKind.NotFound)
        {
            throw GlanceErrors.MemberImageNotFound(imageId);
        }
        if (found.Image.Visibility != ImageVisibility.Shared)
        {
            throw GlanceErrors.MembersNeedSharedImage(imageId, verb);
        }
        return found;
    }

    /// <summary>Glance's _lookup_member: get_member (after get_image), then the member as the database shows it to the caller.</summary>
    private ImageMember LookUpMember(Caller caller, ImageWithMembers found, string memberId)
    {
        policy.EnforceMember(ImagePolicyDefaults.GetMember, caller, found.Image);
        var member = SeesMember(caller, found.Image, memberId) ? found.MemberOf(memberId) : null;
        return member ?? throw GlanceErrors.MemberNotFound(memberId, found.Image.Id);
    }

    /// <summary>glance/db/sqlalchemy/api.py _image_member_find: admins see every member, others the image's if they own it, else their own.</summary>
    private bool SeesMember(Caller caller, Image image, string memberId) =>
        policy.IsAdmin(caller) || (caller.ProjectId is not null && (image.Owner == caller.ProjectId || memberId == caller.ProjectId));
}
