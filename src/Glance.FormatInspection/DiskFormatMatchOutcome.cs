namespace Glance.FormatInspection;

/// <summary>How an image's content compares with its declared <c>disk_format</c>.</summary>
public enum DiskFormatMatchOutcome
{
    /// <summary>The content is the declared format.</summary>
    Matched,

    /// <summary>The declared format cannot be recognised from content (ami, aki, ari, ploop ...) and the content is raw.</summary>
    UninspectableFormat,

    /// <summary>Declared raw but the content is a specific format; Glance accepts it with a warning.</summary>
    DeclaredRawContentDiffers,

    /// <summary>The content is another format than the declared one.</summary>
    FormatMismatch,

    /// <summary>The content matched more than one format.</summary>
    AmbiguousFormat,

    /// <summary>The content failed one of its format's safety checks.</summary>
    SafetyCheckFailed,
}
