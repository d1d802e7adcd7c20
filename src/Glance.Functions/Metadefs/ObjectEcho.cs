namespace Glance.Functions.Metadefs;

/// <summary>How the request that created or replaced an object gave it: whether it named properties at all.</summary>
public sealed record ObjectEcho(bool PropertiesGiven);
