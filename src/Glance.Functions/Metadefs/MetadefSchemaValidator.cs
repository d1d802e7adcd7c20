using System.Text.Json;
using Glance.Domain.Errors;

namespace Glance.Functions.Metadefs;

/// <summary>
/// Checks a body against a metadef schema as Glance's jsonschema does, for the keywords those schemas use (type, enum,
/// maxLength, minimum, minItems, maxItems, required, properties, additionalProperties, items, uniqueItems, $ref, allOf), and reports the
/// error jsonschema's best_match would: the shallowest, the first found at that depth, in the schema's keyword order.
/// </summary>
public static class MetadefSchemaValidator
{
    /// <exception cref="GlanceException">The body breaks the schema: jsonschema's words after Glance's prefix.</exception>
    public static void Validate(string schemaName, JsonElement body) => Validate(schemaName, MetadefSchemas.Get(schemaName), body);

    /// <param name="schemaName">The name Glance's message gives the schema.</param>
    public static void Validate(string schemaName, JsonElement schema, JsonElement body)
    {
        // Zed's metadef schemas do not say the body is an object, and Zed answers 500 to one that is not; every metadef
        // body is an object, so it is 400 here, in jsonschema's words.
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw GlanceErrors.MetadefSchemaMismatch(schemaName, $"{PythonRepr.Of(body)} is not of type 'object'");
        }
        var errors = new List<(int Depth, string Message)>();
        Check(schema, schema, body, 0, errors);
        if (errors.Count > 0)
        {
            throw GlanceErrors.MetadefSchemaMismatch(schemaName, errors.MinBy(e => e.Depth).Message);
        }
    }

    private static void Check(JsonElement root, JsonElement schema, JsonElement value, int depth, List<(int, string)> errors)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        foreach (var keyword in schema.EnumerateObject())
        {
            var rule = keyword.Value;
            switch (keyword.Name)
            {
                case "$ref":
                    Check(root, Resolve(root, rule.GetString()!), value, depth, errors);
                    break;
                case "allOf":
                    foreach (var part in rule.EnumerateArray())
                    {
                        Check(root, part, value, depth, errors);
                    }
                    break;
                case "type":
                    var types = rule.ValueKind == JsonValueKind.Array ? rule.EnumerateArray().Select(t => t.GetString()!).ToList() : [rule.GetString()!];
                    if (!types.Any(t => IsOfType(value, t)))
                    {
                        errors.Add((depth, $"{PythonRepr.Of(value)} is not of type {string.Join(", ", types.Select(PythonRepr.Of))}"));
                    }
                    break;
                case "enum":
                    if (!rule.EnumerateArray().Any(allowed => JsonElement.DeepEquals(allowed, value)))
                    {
                        errors.Add((depth, $"{PythonRepr.Of(value)} is not one of {PythonRepr.Of(rule)}"));
                    }
                    break;
                case "maxLength" when value.ValueKind == JsonValueKind.String:
                    if (value.GetString()!.EnumerateRunes().Count() > rule.GetInt32())
                    {
                        errors.Add((depth, $"{PythonRepr.Of(value)} is too long"));
                    }
                    break;
                case "minimum" when value.ValueKind == JsonValueKind.Number:
                    if (value.GetDouble() < rule.GetDouble())
                    {
                        errors.Add((depth, $"{PythonRepr.Of(value)} is less than the minimum of {PythonRepr.Of(rule)}"));
                    }
                    break;
                case "minItems" when value.ValueKind == JsonValueKind.Array:
                    if (value.GetArrayLength() < rule.GetInt32())
                    {
                        errors.Add((depth, $"{PythonRepr.Of(value)} is too short"));
                    }
                    break;
                case "maxItems" when value.ValueKind == JsonValueKind.Array:
                    if (value.GetArrayLength() > rule.GetInt32())
                    {
                        errors.Add((depth, $"{PythonRepr.Of(value)} is too long"));
                    }
                    break;
                case "uniqueItems" when value.ValueKind == JsonValueKind.Array && rule.ValueKind == JsonValueKind.True:
                    var items = value.EnumerateArray().ToList();
                    if (items.Where((item, i) => items.Skip(i + 1).Any(other => JsonElement.DeepEquals(item, other))).Any())
                    {
                        errors.Add((depth, $"{PythonRepr.Of(value)} has non-unique elements"));
                    }
                    break;
                case "items" when value.ValueKind == JsonValueKind.Array:
                    foreach (var item in value.EnumerateArray())
                    {
                        Check(root, rule, item, depth + 1, errors);
                    }
                    break;
                case "properties" when value.ValueKind == JsonValueKind.Object:
                    foreach (var property in rule.EnumerateObject())
                    {
                        if (value.TryGetProperty(property.Name, out var member))
                        {
                            Check(root, property.Value, member, depth + 1, errors);
                        }
                    }
                    break;
                case "additionalProperties" when value.ValueKind == JsonValueKind.Object:
                    var known = schema.TryGetProperty("properties", out var declared) ? declared : default;
                    var extra = value.EnumerateObject()
                        .Where(p => known.ValueKind != JsonValueKind.Object || !known.TryGetProperty(p.Name, out _))
                        .ToList();
                    if (rule.ValueKind == JsonValueKind.False && extra.Count > 0)
                    {
                        var names = string.Join(", ", extra.Select(p => PythonRepr.Of(p.Name)));
                        errors.Add((depth, $"Additional properties are not allowed ({names} {(extra.Count == 1 ? "was" : "were")} unexpected)"));
                    }
                    else if (rule.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var member in extra)
                        {
                            Check(root, rule, member.Value, depth + 1, errors);
                        }
                    }
                    break;
                case "required" when value.ValueKind == JsonValueKind.Object:
                    foreach (var name in rule.EnumerateArray().Select(n => n.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
                    {
                        errors.Add((depth, $"{PythonRepr.Of(name)} is a required property"));
                    }
                    break;
            }
        }
    }

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "number" => value.ValueKind == JsonValueKind.Number,
        // jsonschema counts 1.0 as an integer.
        "integer" => value.ValueKind == JsonValueKind.Number && double.IsInteger(value.GetDouble()),
        _ => false,
    };

    private static JsonElement Resolve(JsonElement root, string reference)
    {
        var node = root;
        foreach (var segment in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node.GetProperty(segment);
        }
        return node;
    }
}
