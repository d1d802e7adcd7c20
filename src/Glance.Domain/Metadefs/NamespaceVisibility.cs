namespace Glance.Domain.Metadefs;

/// <summary>A namespace is public (everyone may read it) or private (its owner's project, and admins).</summary>
public static class NamespaceVisibility
{
    public const string Public = "public";
    public const string Private = "private";

    public static bool IsKnown(string? value) => value is Public or Private;
}
