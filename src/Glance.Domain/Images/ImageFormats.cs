namespace Glance.Domain.Images;

/// <summary>Glance's default <c>[image_format] disk_formats</c> and <c>container_formats</c>.</summary>
public static class ImageFormats
{
    public static IReadOnlyList<string> DiskFormats { get; } =
        ["ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"];

    public static IReadOnlyList<string> ContainerFormats { get; } =
        ["ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"];
}
