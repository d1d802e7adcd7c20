using Glance.Domain.Errors;
using Glance.Functions.Requests;

namespace Glance.Functions.Tests.Requests;

/// <summary>
/// The values of list filters read as Zed reads them: times through the iso8601 library, operators and in-lists
/// through glance/common/utils.py, range bounds through Python's int().
/// </summary>
public sealed class FilterValueTests
{
    [Theory]
    [InlineData("2000", "2000-01-01T00:00:00.0000000Z")]
    [InlineData("2000-02", "2000-02-01T00:00:00.0000000Z")]
    [InlineData("20000203", "2000-02-03T00:00:00.0000000Z")]
    [InlineData("2000-2-3", "2000-02-03T00:00:00.0000000Z")]
    [InlineData("2000-01-01 10:20", "2000-01-01T10:20:00.0000000Z")]
    [InlineData("2000-01-01T102030", "2000-01-01T10:20:30.0000000Z")]
    [InlineData("2000-01-01T10:20:30.1234567Z", "2000-01-01T10:20:30.1234560Z")]
    [InlineData("2000-01-01T10:20:30,5", "2000-01-01T10:20:30.5000000Z")]
    [InlineData("2000-01-01T10:00+02:00", "2000-01-01T08:00:00.0000000Z")]
    [InlineData("2000-01-01T10:00-0230", "2000-01-01T12:30:00.0000000Z")]
    [InlineData("2000-01-01T10:00+20", "1999-12-31T14:00:00.0000000Z")]
    public void TryParseUtc_FormsOfTheIso8601Library_AreUtcToTheMicrosecond(string text, string expected)
    {
        Assert.True(Iso8601Time.TryParseUtc(text, out var utc));
        Assert.Equal(expected, utc.ToString("O"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("200001")]
    [InlineData("0000-01-01")]
    [InlineData("2000-13-01")]
    [InlineData("2000-02-30")]
    [InlineData("2000-01-01T24:00")]
    [InlineData("2000-01-01T10:00 01:00")]
    [InlineData("2000-01-01T10:00+24:00")]
    [InlineData("2000-01-01T10:00:00Zjunk")]
    [InlineData("２０００")]
    public void TryParseUtc_WhatTheLibraryRefuses_IsRefused(string text)
    {
        Assert.False(Iso8601Time.TryParseUtc(text, out _));
    }

    [Theory]
    [InlineData("x", "eq", "x")]
    [InlineData("in:a,b", "in", "a,b")]
    [InlineData("Foo:bar", "Foo", "bar")]
    [InlineData(":x", "", "x")]
    [InlineData("2000-01-01T10:00:00Z", "eq", "2000-01-01T10:00:00Z")]
    [InlineData("gt:2000-01-01T10:00:00Z", "gt", "2000-01-01T10:00:00Z")]
    public void SplitOperator_AsSplitFilterOp(string expression, string op, string operand)
    {
        Assert.Equal((op, operand), FilterExpression.SplitOperator(expression));
    }

    [Theory]
    [InlineData("a,b", new[] { "a", "b" })]
    [InlineData("\"a,b\",c", new[] { "a,b", "c" })]
    [InlineData("a,", new[] { "a" })]
    [InlineData(",a", new[] { "", "a" })]
    [InlineData("a,,b", new[] { "a", "", "b" })]
    [InlineData("", new string[0])]
    [InlineData("\"a\\\"b\",c", new[] { "a\\\"b", "c" })]
    public void SplitInList_AsSplitFilterValueForQuotes(string operand, string[] expected)
    {
        Assert.Equal(expected, FilterExpression.SplitInList(operand));
    }

    [Theory]
    [InlineData("\"a", "Invalid filter value \"a. The quote is not closed.")]
    [InlineData("a\"b\"", "Invalid filter value a\"b\". There is no comma before opening quotation mark.")]
    [InlineData("\"a\"b", "Invalid filter value \"a\"b. There is no comma after closing quotation mark.")]
    public void SplitInList_MisplacedQuotes_AreGlancesBadRequest(string operand, string message)
    {
        var error = Assert.Throws<GlanceException>(() => FilterExpression.SplitInList(operand));

        Assert.Equal((GlanceErrorKind.Invalid, message), (error.Kind, error.Message));
    }

    [Theory]
    [InlineData(" 5 ", 5)]
    [InlineData("+5", 5)]
    [InlineData("-5", -5)]
    [InlineData("1_000", 1000)]
    [InlineData("007", 7)]
    [InlineData("٣", 3)]
    public void PythonIntTryParse_WhatIntReads_IsRead(string text, long expected)
    {
        Assert.True(PythonInt.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.5")]
    [InlineData("1__000")]
    [InlineData("_1")]
    [InlineData("1_")]
    [InlineData("0x10")]
    [InlineData("99999999999999999999")]
    public void PythonIntTryParse_WhatIntRefuses_IsRefused(string text)
    {
        Assert.False(PythonInt.TryParse(text, out _));
    }
}
