using System.Globalization;
using Glance.Domain.Identity;
using Glance.Domain.Images;

namespace Glance.Domain.Policy;

/// <summary>
/// What a rule is checked against, as Glance builds it (glance/api/policy.py ImageTarget and the dicts in
/// glance/api/v2/policy.py): keys to the values <c>%(key)s</c> substitutes. A value may be null, which a rule sees as
/// Python's <c>None</c>; a key that is absent fails any check that substitutes it.
/// </summary>
public sealed class PolicyTarget
{
    private readonly IReadOnlyDictionary<string, string?> _values;

    public PolicyTarget(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    public static PolicyTarget Empty { get; } = new(new Dictionary<string, string?>());

    /// <summary>
    /// An existing image. <c>project_id</c> is its owner; <c>member_id</c> is the caller's project when the image is
    /// shared and the caller does not own it (Glance found it through a membership then), else None.
    /// </summary>
    public static PolicyTarget ForImage(Image image, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(caller);
        var member = image.Visibility == ImageVisibility.Shared && caller.ProjectId != image.Owner ? caller.ProjectId : null;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        // Extra properties first: ImageTarget looks up attributes before extra properties, so attributes win.
        foreach (var (key, value) in image.ExtraProperties)
        {
            values[key] = value;
        }
        values["id"] = image.Id;
        values["image_id"] = image.Id;
        values["project_id"] = image.Owner;
        values["owner"] = image.Owner;
        values["member_id"] = member;
        values["member"] = member;
        values["visibility"] = image.Visibility;
        values["status"] = image.Status.ToWire();
        values["name"] = image.Name;
        values["protected"] = Python(image.Protected);
        values["os_hidden"] = Python(image.OsHidden);
        values["disk_format"] = image.DiskFormat;
        values["container_format"] = image.ContainerFormat;
        values["min_disk"] = image.MinDisk.ToString(CultureInfo.InvariantCulture);
        values["min_ram"] = image.MinRam.ToString(CultureInfo.InvariantCulture);
        return new PolicyTarget(values);
    }

    /// <summary>An image being created (add_image): the proposed owner and visibility, private when not given.</summary>
    public static PolicyTarget ForNewImage(string? owner, string? visibility) => new(new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["project_id"] = owner,
        ["owner"] = owner,
        ["visibility"] = visibility ?? ImageVisibility.Private,
    });

    /// <summary>get_images: Glance checks the list against the caller's own project.</summary>
    public static PolicyTarget ForProject(string? projectId) => new(new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["project_id"] = projectId,
    });

    public bool TryGet(string key, out string value)
    {
        if (_values.TryGetValue(key, out var found))
        {
            value = found ?? "None";
            return true;
        }
        value = "";
        return false;
    }

    private static string Python(bool value) => value ? "True" : "False";
}
