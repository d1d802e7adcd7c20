using System.Text.Json;
using Glance.Domain.Errors;
using Glance.Domain.Images;
using Glance.Functions.Requests;

namespace Glance.Functions.Tests.Requests;

public sealed class CreateImageParserTests
{
    private static GlanceException ParseFails(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Assert.Throws<GlanceException>(() => CreateImageParser.Parse(document.RootElement));
    }

    [Theory]
    [InlineData("[]", "Provided object does not match schema 'image': the body is not of type 'object'")]
    [InlineData("\"image\"", "Unexpected body type. Expected list/dict.")]
    [InlineData("1", "Unexpected body type. Expected list/dict.")]
    [InlineData("null", "Unexpected body type. Expected list/dict.")]
    public void Parse_BodyThatIsNotAnObject_IsBadRequestAsGlanceWordsIt(string json, string message)
    {
        var error = ParseFails(json);

        Assert.Equal(GlanceErrorKind.Invalid, error.Kind);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Parse_Object_KeepsEveryMemberInOrderWithItsShape()
    {
        using var document = JsonDocument.Parse("""{"name":"n","min_ram":1.5,"tags":["a",2],"k":"v","name":null,"x":{"y":true}}""");

        var command = CreateImageParser.Parse(document.RootElement);

        Assert.Equal(["name", "min_ram", "tags", "k", "name", "x"], command.Attributes.Select(a => a.Key));
        var values = command.Attributes.Select(a => a.Value).ToList();
        Assert.Equal("n", values[0].Text);
        Assert.Equal((AttributeValueKind.Number, "1.5", (long?)null), (values[1].Kind, values[1].Literal, values[1].Integer));
        Assert.Equal([AttributeValueKind.String, AttributeValueKind.Number], values[2].Items.Select(i => i.Kind));
        Assert.Equal("""["a",2]""", values[2].Literal);
        Assert.Equal(AttributeValueKind.Null, values[4].Kind);
        Assert.Equal((AttributeValueKind.Object, """{"y":true}"""), (values[5].Kind, values[5].Literal));
    }
}
