using System.Globalization;
using System.Net;
using System.Text;

namespace Glance.Authentication.Tests.Keystone;

/// <summary>
/// Answers the two Keystone v3 calls the service makes, as Keystone does (201 + X-Subject-Token for a password
/// authentication, 200 / 404 / 401 for a validation), and counts them. The real Keystone is in the integration tests;
/// this one lets the cache and renewal rules be checked on a clock the test controls.
/// </summary>
internal sealed class FakeKeystone(ManualTimeProvider time) : HttpMessageHandler
{
    private readonly Dictionary<string, (string Project, DateTimeOffset ExpiresAt)> _userTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _serviceTokens = new(StringComparer.Ordinal);

    public int Issued { get; private set; }
    public int Checks { get; private set; }
    public TimeSpan ServiceTokenLifetime { get; set; } = TimeSpan.FromHours(2);
    public bool RefuseCredentials { get; set; }
    public HttpStatusCode? FailWith { get; set; }

    /// <summary>While set, validations wait for it (to have several requests in flight at once).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public void AddUserToken(string token, string project, TimeSpan lifetime) => _userTokens[token] = (project, time.GetUtcNow() + lifetime);

    public void Revoke(string token) => _userTokens.Remove(token);

    /// <summary>Keystone no longer accepts the service tokens it issued (restart with new keys, revocation).</summary>
    public void ForgetServiceTokens() => _serviceTokens.Clear();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Assert.Equal("/v3/auth/tokens", request.RequestUri!.AbsolutePath);
        if (FailWith is { } status)
        {
            return new HttpResponseMessage(status);
        }
        if (request.Method == HttpMethod.Post)
        {
            Issued++;
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            Assert.Contains("\"password\"", body, StringComparison.Ordinal);
            if (RefuseCredentials)
            {
                return new HttpResponseMessage(HttpStatusCode.Unauthorized);
            }
            var serviceToken = $"service-{Issued}";
            _serviceTokens.Add(serviceToken);
            var issued = Json(HttpStatusCode.Created, $$"""{"token": {"expires_at": "{{Format(time.GetUtcNow() + ServiceTokenLifetime)}}", "user": {"id": "glance"} } }""");
            issued.Headers.Add("X-Subject-Token", serviceToken);
            return issued;
        }
        Checks++;
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }
        if (!_serviceTokens.Contains(request.Headers.GetValues("X-Auth-Token").Single()))
        {
            return Json(HttpStatusCode.Unauthorized, """{"error": {"code": 401, "title": "Unauthorized"}}""");
        }
        var subject = request.Headers.GetValues("X-Subject-Token").Single();
        if (!_userTokens.TryGetValue(subject, out var user) || user.ExpiresAt <= time.GetUtcNow())
        {
            return Json(HttpStatusCode.NotFound, """{"error": {"code": 404, "title": "Not Found"}}""");
        }
        return Json(HttpStatusCode.OK, $$"""
            {"token": {"expires_at": "{{Format(user.ExpiresAt)}}", "user": {"id": "user-of-{{subject}}"},
             "project": {"id": "{{user.Project}}"}, "roles": [{"name": "Member"}, {"name": "reader"}] } }
            """);
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
