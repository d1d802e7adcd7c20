namespace Glance.FormatInspection;

/// <summary>What one pass over an image's bytes found.</summary>
public sealed record InspectionResult
{
    /// <summary>The detected format, or null when the content matched more than one format (see <see cref="DetectionError"/>).</summary>
    public required ImageFormat? Format { get; init; }

    /// <summary>Every specific format whose structure matched, before the ISO+GPT rule; empty when the content is raw.</summary>
    public required IReadOnlyList<ImageFormat> MatchedFormats { get; init; }

    /// <summary>The disk size the format declares (raw: the bytes read), or null when it is unknown.</summary>
    public required long? VirtualSize { get; init; }

    public required long BytesRead { get; init; }

    /// <summary>The detected format's safety checks; empty for formats that have none.</summary>
    public required IReadOnlyList<SafetyCheckResult> SafetyChecks { get; init; }

    /// <summary>Why no single format could be chosen; null when <see cref="Format"/> is set.</summary>
    public string? DetectionError { get; init; }

    public bool IsAmbiguous => Format is null;

    public IEnumerable<SafetyCheckResult> FailedSafetyChecks => SafetyChecks.Where(check => !check.Passed);
}
