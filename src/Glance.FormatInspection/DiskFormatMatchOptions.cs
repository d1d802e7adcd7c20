namespace Glance.FormatInspection;

/// <summary>Glance's <c>[image_format]</c> settings that soften the verdict, with Glance's defaults.</summary>
public sealed record DiskFormatMatchOptions
{
    public static DiskFormatMatchOptions Default { get; } = new();

    /// <summary>
    /// <c>require_image_format_match</c>: when false, mismatches and failed checks are only warnings. Default true.
    /// </summary>
    public bool RequireFormatMatch { get; init; } = true;

    /// <summary>
    /// <c>gpt_safety_checks_nonfatal</c>: GPT/MBR check names (e.g. <c>mbr</c>) whose failure is only a warning,
    /// because many real disk images carry sloppy protective MBRs. Default none.
    /// </summary>
    public IReadOnlySet<string> NonFatalGptChecks { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
