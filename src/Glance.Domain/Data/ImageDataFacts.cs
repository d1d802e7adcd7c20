using Glance.FormatInspection;

namespace Glance.Domain.Data;

/// <summary>What one pass over an image's bytes established.</summary>
public sealed record ImageDataFacts(long Size, string Checksum, string OsHashAlgo, string OsHashValue, InspectionResult Inspection);
