using Glance.Domain.Images;

namespace Glance.Domain.Patching;

/// <summary>One decoded change: a property name (a one-segment JSON pointer) and, for add/replace, a value.</summary>
public sealed record PatchOperation(PatchOp Op, string Property, AttributeValue? Value);
