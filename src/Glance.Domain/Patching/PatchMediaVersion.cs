namespace Glance.Domain.Patching;

/// <summary>
/// Glance's two JSON-patch dialects, which differ in one rule: in 2.1 <c>add</c> of an existing property replaces it,
/// in 2.0 it is a conflict.
/// </summary>
public enum PatchMediaVersion
{
    V20,
    V21,
}
