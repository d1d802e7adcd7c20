using Glance.Domain.Errors;
using Glance.Functions.Http;

namespace Glance.Functions.Tests.Http;

public sealed class ErrorStatusTests
{
    [Fact]
    public void Of_EveryDomainKind_IsAClientErrorStatus()
    {
        var statuses = Enum.GetValues<GlanceErrorKind>().Select(kind => ErrorStatus.Of(kind).Code).ToList();

        Assert.All(statuses, code => Assert.InRange(code, 400, 499));
        Assert.Equal([400, 401, 403, 404, 409, 410, 413, 415], statuses);
    }

    [Fact]
    public void Of_EveryHttpKind_HasItsOwnStatus()
    {
        var statuses = Enum.GetValues<HttpErrorKind>().Select(kind => ErrorStatus.Of(kind).Code).ToList();

        Assert.Equal([405, 415, 416, 431, 422, 500, 503], statuses);
    }
}
