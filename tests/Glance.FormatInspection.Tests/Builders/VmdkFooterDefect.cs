namespace Glance.FormatInspection.Tests.Builders;

/// <summary>Ways to spoil the footer of a stream-optimized VMDK.</summary>
public enum VmdkFooterDefect
{
    None,
    MissingFooter,
    FooterMarkerType,
    FooterSignature,
    FooterVersion,
    FooterCapacity,
    FooterDescriptor,
    FooterAnnouncesFooter,
    EndOfStreamMarker,
}
