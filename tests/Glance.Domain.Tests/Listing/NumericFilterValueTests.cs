using Glance.Domain.Listing;

namespace Glance.Domain.Tests.Listing;

/// <summary>An exact value of a numeric column, compared as sqlite (Zed's reference database) compares text with a number.</summary>
public sealed class NumericFilterValueTests
{
    [Theory]
    [InlineData("1092", true)]
    [InlineData("01092", true)]
    [InlineData(" 1092 ", true)]
    [InlineData("+1092", true)]
    [InlineData("1092.0", true)]
    [InlineData("1092.", true)]
    [InlineData("1.092e3", true)]
    [InlineData(".1092E4", true)]
    [InlineData("1092.4", false)]
    [InlineData("0x444", false)]
    [InlineData("1,092", false)]
    [InlineData("abc", false)]
    [InlineData("", false)]
    public void SqliteEquals_TextThatReadsAsTheNumber_Matches(string text, bool expected)
    {
        Assert.Equal(expected, NumericFilterValue.SqliteEquals(1092, text));
        Assert.False(NumericFilterValue.SqliteEquals(null, text));
    }
}
