using Glance.Authentication;
using Glance.Domain.Application;
using Glance.Domain.Idempotency;
using Glance.Domain.Ports;
using Glance.Functions.Functions;
using Glance.Functions.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Glance.Functions.Tests.Http;

/// <summary>A <see cref="GlanceEndpoint"/> over an authenticator of the test's and a store of idempotency keys it may give.</summary>
internal static class TestEndpoints
{
    public static GlanceEndpoint Create(ICallerAuthenticator authenticator, IIdempotencyStore? keys = null, bool multistore = false) =>
        new(authenticator, Options.Create(new ApiOptions()), NullLogger<GlanceEndpoint>.Instance,
            new IdempotentExecution(new IdempotencyKeys(keys ?? Mock.Of<IIdempotencyStore>(), new IdempotencyOptions(), TimeProvider.System)),
            new VersionsDocument(multistore));
}
