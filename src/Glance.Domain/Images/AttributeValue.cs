namespace Glance.Domain.Images;

/// <summary>
/// A value for an image attribute as the client sent it, before Glance's schema judges it: any JSON shape can arrive,
/// and <see cref="ImageAttributeWriter"/> decides per attribute which it accepts (<c>min_ram</c> an integer,
/// <c>tags</c> an array of strings ...). A refusal names the value as Glance does, so a number, array or object keeps
/// the text it was sent as (<see cref="Literal"/>). The HTTP side builds these from request bodies.
/// </summary>
public sealed class AttributeValue
{
    private AttributeValue(AttributeValueKind kind, string? text = null, bool boolean = false, long? integer = null,
        IReadOnlyList<AttributeValue>? items = null, string? literal = null)
    {
        Kind = kind;
        Text = text;
        Boolean = boolean;
        Integer = integer;
        Items = items ?? [];
        Literal = literal;
    }

    public AttributeValueKind Kind { get; }

    /// <summary>A string's text; null for any other kind.</summary>
    public string? Text { get; }

    /// <summary>A boolean's value; false for any other kind.</summary>
    public bool Boolean { get; }

    /// <summary>A number's value when it is a whole number within a long; null otherwise.</summary>
    public long? Integer { get; }

    /// <summary>An array's items; empty for any other kind.</summary>
    public IReadOnlyList<AttributeValue> Items { get; }

    /// <summary>A number, array or object as the client wrote it, for messages; null for the other kinds.</summary>
    public string? Literal { get; }

    public static AttributeValue Null { get; } = new(AttributeValueKind.Null);

    public static AttributeValue True { get; } = new(AttributeValueKind.Boolean, boolean: true);

    public static AttributeValue False { get; } = new(AttributeValueKind.Boolean, boolean: false);

    public static AttributeValue String(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(AttributeValueKind.String, text: text);
    }

    public static AttributeValue Number(string literal, long? integer)
    {
        ArgumentNullException.ThrowIfNull(literal);
        return new(AttributeValueKind.Number, integer: integer, literal: literal);
    }

    public static AttributeValue Array(string literal, IReadOnlyList<AttributeValue> items)
    {
        ArgumentNullException.ThrowIfNull(literal);
        ArgumentNullException.ThrowIfNull(items);
        return new(AttributeValueKind.Array, items: items, literal: literal);
    }

    public static AttributeValue Object(string literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        return new(AttributeValueKind.Object, literal: literal);
    }
}
