using System.Text.Json;
using Glance.Domain;
using Glance.Domain.Errors;
using Glance.Domain.Tasks;
using Glance.Functions.Requests;

namespace Glance.Functions.Tests.Requests;

/// <summary>GET /v2/tasks's query and POST /v2/tasks's body, read and refused as glance/api/v2/tasks.py reads them.</summary>
public sealed class TaskListQueryParserTests
{
    private static readonly ImageServiceOptions Options = new() { LimitParamDefault = 25, ApiLimitMax = 1000 };

    private static IReadOnlyList<KeyValuePair<string, string>> Query(params (string Key, string Value)[] pairs) =>
        pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)).ToList();

    private static TaskListQuery Parse(params (string Key, string Value)[] pairs) => TaskListQueryParser.Parse(Query(pairs), Options);

    private static string Refusal(params (string Key, string Value)[] pairs)
    {
        var e = Assert.Throws<GlanceException>(() => Parse(pairs));
        Assert.Equal(GlanceErrorKind.Invalid, e.Kind);
        return e.Message;
    }

    [Fact]
    public void Parse_Nothing_GivesGlancesDefaults()
    {
        Assert.Equal(TaskListQuery.Default(25), Parse());
    }

    [Fact]
    public void Parse_EveryParameter_IsRead()
    {
        var marker = Guid.NewGuid().ToString();

        var query = Parse(("limit", "5"), ("marker", marker), ("sort_key", "status"), ("sort_dir", "asc"), ("status", "failure"), ("type", "import"));

        Assert.Equal(new TaskListQuery(5, marker, TaskSortKey.Status, true, "failure", "import"), query);
    }

    [Fact]
    public void Parse_ALimitAboveTheMaximum_IsTheMaximum()
    {
        Assert.Equal(1000, Parse(("limit", "5000")).Limit);
    }

    [Theory]
    [InlineData("sort_dir", "up", "Invalid sort direction: up")]
    [InlineData("status", "done", "Invalid status value: done")]
    [InlineData("type", "api_image_import", "Invalid type value: api_image_import")]
    [InlineData("marker", "abc", "Invalid marker format")]
    [InlineData("limit", "x", "limit param must be an integer")]
    [InlineData("limit", "-1", "limit param must be positive")]
    [InlineData("sort_key", "message", "Sort key supplied was not valid.")]
    [InlineData("sort_key", "input", "Sort key supplied was not valid.")]
    public void Parse_ABadValue_IsRefusedInGlancesWords(string key, string value, string message)
    {
        Assert.Equal(message, Refusal((key, value)));
    }

    [Fact]
    public void Parse_SeveralBadValues_IsRefusedForTheOneGlanceChecksFirst()
    {
        Assert.Equal("Invalid sort direction: up", Refusal(("limit", "x"), ("marker", "abc"), ("status", "done"), ("sort_dir", "up")));
        Assert.Equal("Invalid marker format", Refusal(("limit", "x"), ("sort_key", "bogus"), ("marker", "abc")));
    }

    [Fact]
    public void WithoutMarker_KeepsTheOtherParametersOnceEach()
    {
        var links = TaskListQueryParser.WithoutMarker(Query(("limit", "1"), ("marker", "m"), ("sort_key", "id"), ("limit", "2")));

        Assert.Equal(Query(("limit", "2"), ("sort_key", "id")), links);
    }

    [Theory]
    [InlineData("{\"input\": {}}", "Task 'type' is required")]
    [InlineData("{\"type\": \"import\"}", "Task 'input' is required")]
    [InlineData("{\"type\": \"bogus\", \"input\": {}}", "Provided object does not match schema 'task': 'bogus' is not one of ['import', 'api_image_import']")]
    [InlineData("{\"type\": \"import\", \"input\": 5}", "Provided object does not match schema 'task': 'input' is not of type 'null', 'object'")]
    [InlineData("[]", "Provided object does not match schema 'task': the body must be a JSON object")]
    public void ValidateTask_ABadBody_IsRefusedInGlancesWords(string body, string message)
    {
        using var document = JsonDocument.Parse(body);

        var e = Assert.Throws<GlanceException>(() => TaskRequestParser.Validate(document.RootElement));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ValidateTask_AWellFormedBody_Passes()
    {
        using var document = JsonDocument.Parse("{\"type\": \"import\", \"input\": {\"import_from\": \"http://example.com/a.img\"}}");

        TaskRequestParser.Validate(document.RootElement);
    }
}
