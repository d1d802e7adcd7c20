namespace Glance.FormatInspection;

/// <summary>
/// Compares inspected content with the declared <c>disk_format</c> the way current Glance does after an upload or
/// import: the detected format must be the declared one, raw content is accepted for formats that cannot be
/// inspected, content declared raw is accepted whatever it is (with a warning), and any failed safety check refuses
/// the image whatever was declared.
/// </summary>
public static class DiskFormatMatcher
{
    public static DiskFormatMatch Match(
        string declaredDiskFormat, InspectionResult inspection, DiskFormatMatchOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(declaredDiskFormat);
        ArgumentNullException.ThrowIfNull(inspection);
        options ??= DiskFormatMatchOptions.Default;

        if (inspection.Format is not { } detected)
        {
            var reason = inspection.DetectionError ?? "Image content matches more than one format";
            return Refuse(options, DiskFormatMatchOutcome.AmbiguousFormat, reason, virtualSize: null, []);
        }

        var detectedName = detected.ToDiskFormat();
        var warnings = new List<string>();
        DiskFormatMatchOutcome outcome;
        long? virtualSize;
        string acceptedReason;
        if (detectedName == declaredDiskFormat)
        {
            (outcome, virtualSize) = (DiskFormatMatchOutcome.Matched, inspection.VirtualSize);
            acceptedReason = $"Image content matches disk_format {declaredDiskFormat}";
        }
        else if (detected == ImageFormat.Raw && !ImageFormatNames.TryParseDiskFormat(declaredDiskFormat, out _))
        {
            (outcome, virtualSize) = (DiskFormatMatchOutcome.UninspectableFormat, null);
            acceptedReason = $"Image disk_format {declaredDiskFormat} cannot be inspected; content accepted as is";
        }
        else if (declaredDiskFormat == ImageFormat.Raw.ToDiskFormat())
        {
            (outcome, virtualSize) = (DiskFormatMatchOutcome.DeclaredRawContentDiffers, inspection.BytesRead);
            acceptedReason = $"Image disk_format raw does not match the content (detected {detectedName}); accepted as raw";
            warnings.Add(acceptedReason);
        }
        else
        {
            var reason = $"Image disk_format {declaredDiskFormat} does not match the content (detected {detectedName})";
            return Refuse(options, DiskFormatMatchOutcome.FormatMismatch, reason, virtualSize: null, warnings);
        }

        var fatal = new List<SafetyCheckResult>();
        foreach (var failure in inspection.FailedSafetyChecks)
        {
            if (detected == ImageFormat.Gpt && options.NonFatalGptChecks.Contains(failure.Name))
            {
                warnings.Add(DescribeFailures([failure]));
            }
            else
            {
                fatal.Add(failure);
            }
        }

        return fatal.Count > 0
            ? Refuse(options, DiskFormatMatchOutcome.SafetyCheckFailed, DescribeFailures(fatal), virtualSize, warnings)
            : new DiskFormatMatch(outcome, IsAccepted: true, virtualSize, acceptedReason, warnings);
    }

    private static DiskFormatMatch Refuse(
        DiskFormatMatchOptions options,
        DiskFormatMatchOutcome outcome,
        string reason,
        long? virtualSize,
        List<string> warnings)
    {
        if (options.RequireFormatMatch)
        {
            return new DiskFormatMatch(outcome, IsAccepted: false, VirtualSize: null, reason, warnings);
        }

        warnings.Add(reason);
        return new DiskFormatMatch(outcome, IsAccepted: true, virtualSize, reason, warnings);
    }

    private static string DescribeFailures(IReadOnlyList<SafetyCheckResult> failures) =>
        failures switch
        {
            [var only] => $"Image failed safety check {only.Name}: {only.Reason}",
            _ => "Image failed safety checks " + string.Join("; ", failures.Select(f => $"{f.Name}: {f.Reason}")),
        };
}
