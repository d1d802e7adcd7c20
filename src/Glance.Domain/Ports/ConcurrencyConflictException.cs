namespace Glance.Domain.Ports;

/// <summary>A compare-and-set lost its race, or an insert found the key taken.</summary>
public sealed class ConcurrencyConflictException(string message, Exception? inner = null) : Exception(message, inner);
