namespace Glance.Domain.Metadefs;

/// <summary>An item of a namespace replaced by <see cref="New"/>, which may carry another name than <see cref="OldName"/>.</summary>
public sealed record Replacement<T>(string OldName, T New);
