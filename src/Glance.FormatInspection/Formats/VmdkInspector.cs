using Glance.FormatInspection.Streaming;

namespace Glance.FormatInspection.Formats;

/// <summary>
/// VMware VMDK, either a sparse extent (<c>KDMV</c> header with the descriptor embedded at sector 1) or a bare
/// text descriptor file. Only the single-file monolithicSparse and streamOptimized variants are acceptable.
/// Once <c>KDMV</c> is seen the image is a VMDK whatever follows, so a malformed header fails the descriptor
/// check instead of quietly becoming raw.
/// </summary>
internal sealed class VmdkInspector : FormatInspector
{
    // qemu never reads more descriptor than this, embedded or not.
    private const int MaxDescriptorLength = (1 << 20) - 1;

    private readonly CaptureRegion header;
    private readonly LeadingTextCapture leadingText = new(MaxDescriptorLength);
    private readonly TailBuffer tail = new(VmdkFooter.Length);
    private VmdkSparseHeader? sparseHeader;
    private string? sparseHeaderProblem;
    private CaptureRegion? embeddedDescriptor;

    public VmdkInspector() => header = Capture(0, VmdkSparseHeader.Length, OnHeader);

    public override ImageFormat Format => ImageFormat.Vmdk;

    public override bool IsMatch => sparseHeader is not null || IsTextDescriptor;

    public override long? VirtualSize =>
        sparseHeader is { } sparse && Descriptor?.HasAllowedCreateType == true
            ? HeaderFields.AsSize(sparse.CapacitySectors, VmdkSparseHeader.SectorSize)
            : null;

    // What qemu opens as a VMDK when the magic is absent: leading text that declares a createType.
    private bool IsTextDescriptor => sparseHeader is null && leadingText.IsText && Descriptor?.CreateType is not null;

    /// <summary>The descriptor, once the stream has ended; null when the sparse header's one never arrived.</summary>
    private VmdkDescriptor? Descriptor { get; set; }

    public override IReadOnlyList<SafetyCheckResult> RunSafetyChecks()
    {
        var checks = new List<SafetyCheckResult>
        {
            SafetyCheckResult.FromProblem(SafetyCheckNames.Descriptor, FindDescriptorProblem()),
        };
        if (sparseHeader is { HasFooter: true } sparse)
        {
            checks.Add(SafetyCheckResult.FromProblem(
                SafetyCheckNames.Footer, VmdkFooter.FindProblem(sparse, tail.ToArray(), TotalBytes)));
        }

        return checks;
    }

    protected override void OnChunk(ReadOnlySpan<byte> chunk, long chunkOffset)
    {
        leadingText.Append(chunk);
        tail.Append(chunk);
    }

    protected override void OnFinished() => Descriptor = sparseHeader is null
        ? VmdkDescriptor.Parse(leadingText.Text)
        : embeddedDescriptor is { IsComplete: true } ? VmdkDescriptor.Parse(embeddedDescriptor.Data) : null;

    private void OnHeader(CaptureRegion region)
    {
        if (!VmdkSparseHeader.HasMagic(region.Data))
        {
            return;
        }

        var sparse = VmdkSparseHeader.Read(region.Data);
        sparseHeader = sparse;
        sparseHeaderProblem = sparse.FindProblem();
        if (sparseHeaderProblem is null)
        {
            var length = sparse.DescriptorSizeSectors >= MaxDescriptorLength / VmdkSparseHeader.SectorSize + 1
                ? MaxDescriptorLength
                : (int)sparse.DescriptorSizeSectors * VmdkSparseHeader.SectorSize;
            embeddedDescriptor = Capture(VmdkSparseHeader.Length, length);
        }
    }

    private string? FindDescriptorProblem()
    {
        if (sparseHeaderProblem is not null)
        {
            return sparseHeaderProblem;
        }

        if (Descriptor is not { } parsed)
        {
            return "VMDK descriptor is truncated";
        }

        if (parsed.FindProblem() is { } problem)
        {
            return problem;
        }

        // A bare descriptor's extents are, by definition, other files; qemu would read them from wherever
        // the descriptor was staged.
        return IsTextDescriptor ? "VMDK is a bare descriptor file whose extents live in other files" : null;
    }
}
