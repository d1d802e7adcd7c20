namespace Glance.Integration.Tests.Differential;

/// <summary>What a step's response is compared on, with run-specific values (ids, times, base URL) normalised.</summary>
public sealed record Observation(int Status, string Headers, string Body)
{
    public override string ToString() => $"{Status} | {Headers} | {Body}";
}
