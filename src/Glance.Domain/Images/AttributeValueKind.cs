namespace Glance.Domain.Images;

/// <summary>The shapes a client's value can take (JSON's), which Glance's schema judges attribute by attribute.</summary>
public enum AttributeValueKind
{
    Null,
    String,
    Boolean,
    Number,
    Array,
    Object,
}
