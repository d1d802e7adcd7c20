namespace Glance.FormatInspection;

/// <summary>Glance's names for the safety checks, as they appear in its errors and in <c>gpt_safety_checks_nonfatal</c>.</summary>
public static class SafetyCheckNames
{
    public const string BackingFile = "backing_file";
    public const string DataFile = "data_file";
    public const string UnknownFeatures = "unknown_features";
    public const string Banned = "banned";
    public const string Descriptor = "descriptor";
    public const string Footer = "footer";
    public const string Mbr = "mbr";
    public const string Version = "version";
}
