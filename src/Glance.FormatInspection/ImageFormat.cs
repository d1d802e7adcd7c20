namespace Glance.FormatInspection;

/// <summary>
/// The disk formats recognised from content, as Glance's format inspector knows them.
/// <see cref="Raw"/> means "nothing more specific matched".
/// </summary>
public enum ImageFormat
{
    Raw,
    Qcow2,
    Qed,
    Vhd,
    Vhdx,
    Vmdk,
    Vdi,
    Iso,
    Gpt,
    Luks,
}
