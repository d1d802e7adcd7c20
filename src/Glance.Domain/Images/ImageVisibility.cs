namespace Glance.Domain.Images;

public static class ImageVisibility
{
    public const string Public = "public";
    public const string Community = "community";
    public const string Shared = "shared";
    public const string Private = "private";

    public static IReadOnlyList<string> All { get; } = [Public, Community, Shared, Private];

    public static bool IsValid(string? value) => value is not null && All.Contains(value, StringComparer.Ordinal);
}
