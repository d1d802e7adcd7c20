using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests;

/// <summary>
/// Idempotency-Key on create, import, upload-url and member add, over the service's real storage: a retried request
/// gets the first answer and changes nothing more; the key with another request is refused; keys are per project.
/// </summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class IdempotencyKeyTests(GlanceService service)
{
    private static HttpRequestMessage Post(string path, string json, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static string NewKey() => "key-" + Guid.NewGuid();

    private static async Task<int> CountNamedAsync(HttpClient client, string name) =>
        (await (await client.GetAsync($"/v2/images?name={name}")).JsonAsync()).GetProperty("images").GetArrayLength();

    [Fact]
    public async Task Create_RetriedAfterTheClientGaveUp_AnswersTheFirstImageAndMakesNoSecond()
    {
        using var client = service.Client("idem-create");
        var name = "idem-" + Guid.NewGuid().ToString("N")[..8];
        var body = $$"""{"name":"{{name}}","disk_format":"raw","container_format":"bare"}""";
        var key = NewKey();
        // The client times out: it stops waiting as soon as the request is sent, and the service carries on.
        using (var gaveUp = new CancellationTokenSource())
        {
            var first = client.SendAsync(Post("/v2/images", body, key), HttpCompletionOption.ResponseHeadersRead, gaveUp.Token);
            gaveUp.CancelAfter(TimeSpan.FromMilliseconds(1));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first).ContinueWith(_ => { });
        }

        var retries = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var retry = await client.SendAsync(Post("/v2/images", body, key));
            if (retry.StatusCode != HttpStatusCode.Conflict)
            {
                retries.Add(retry);
                break;
            }
            await Task.Delay(100);
        }
        var again = await client.SendAsync(Post("/v2/images", body, key));

        var answer = Assert.Single(retries);
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await answer.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(answer.Headers.Location, again.Headers.Location);
        Assert.Equal(1, await CountNamedAsync(client, name));
    }

    [Fact]
    public async Task Create_TheKeyWithAnotherBody_Is422AndCreatesNothing()
    {
        using var client = service.Client("idem-mismatch");
        var key = NewKey();
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post("/v2/images", """{"name":"idem-a"}""", key))).StatusCode);

        var other = await client.SendAsync(Post("/v2/images", """{"name":"idem-b"}""", key));

        Assert.Equal((HttpStatusCode)422, other.StatusCode);
        Assert.Contains("used for another request", await other.Content.ReadAsStringAsync());
        Assert.Equal(0, await CountNamedAsync(client, "idem-b"));
    }

    [Fact]
    public async Task Create_TheSameKeyInAnotherProject_IsAnotherRequest()
    {
        using var first = service.Client("idem-p1");
        using var second = service.Client("idem-p2");
        var key = NewKey();

        var a = await (await first.SendAsync(Post("/v2/images", """{"name":"idem-scoped"}""", key))).JsonAsync();
        var b = await second.SendAsync(Post("/v2/images", """{"name":"idem-scoped"}""", key));

        Assert.Equal(HttpStatusCode.Created, b.StatusCode);
        Assert.False(b.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(a.GetProperty("id").GetString(), (await b.JsonAsync()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Create_ARefusedRequest_DoesNotHoldItsKey()
    {
        using var client = service.Client("idem-refused");
        var key = NewKey();

        var refused = await client.SendAsync(Post("/v2/images", """{"min_ram":-1}""", key));
        var corrected = await client.SendAsync(Post("/v2/images", """{"name":"idem-corrected"}""", key));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("with space")]
    public async Task Create_AKeyThatIsNotVisibleAscii_Is400(string key)
    {
        using var client = service.Client("idem-bad-key");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v2/images") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key must be", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Create_AKeyOfMoreThan255Characters_Is400()
    {
        using var client = service.Client("idem-bad-key");

        var response = await client.SendAsync(Post("/v2/images", "{}", new string('k', 256)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task MemberAddAndUploadUrl_Retried_GiveTheFirstAnswer()
    {
        using var client = service.Client("idem-owner");
        var id = await client.CreateRawImageAsync("idem-shared");
        Assert.Equal(HttpStatusCode.OK, (await client.PatchJsonAsync($"/v2/images/{id}", """[{"op":"replace","path":"/visibility","value":"shared"}]""")).StatusCode);
        var memberKey = NewKey();
        var urlKey = NewKey();

        var member = await client.SendAsync(Post($"/v2/images/{id}/members", """{"member":"idem-friend"}""", memberKey));
        var memberAgain = await client.SendAsync(Post($"/v2/images/{id}/members", """{"member":"idem-friend"}""", memberKey));
        var memberWithoutKey = await client.PostJsonAsync($"/v2/images/{id}/members", """{"member":"idem-friend"}""");
        var url = await client.SendAsync(Post($"/v2/images/{id}/upload-url", "{}", urlKey));
        var urlAgain = await client.SendAsync(Post($"/v2/images/{id}/upload-url", "{}", urlKey));

        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        Assert.Equal(HttpStatusCode.OK, memberAgain.StatusCode);
        Assert.Equal(await member.Content.ReadAsStringAsync(), await memberAgain.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, memberWithoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Created, urlAgain.StatusCode);
        Assert.Equal("true", urlAgain.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await url.Content.ReadAsStringAsync(), await urlAgain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Import_Retried_IsAcceptedOnceAndRunsOnce()
    {
        using var client = service.Client("idem-import");
        var id = await client.CreateRawImageAsync("idem-import");
        var stage = new ByteArrayContent(new byte[4096]);
        stage.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync($"/v2/images/{id}/stage", stage)).StatusCode);
        var key = NewKey();

        var first = await client.SendAsync(Post($"/v2/images/{id}/import", """{"method":{"name":"glance-direct"}}""", key));
        var again = await client.SendAsync(Post($"/v2/images/{id}/import", """{"method":{"name":"glance-direct"}}""", key));
        await ImportCompletion.WaitAsync(client, id);
        var afterwards = await client.SendAsync(Post($"/v2/images/{id}/import", """{"method":{"name":"glance-direct"}}""", key));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, afterwards.StatusCode);
        Assert.Single((await (await client.GetAsync($"/v2/images/{id}/tasks")).JsonAsync()).GetProperty("tasks").EnumerateArray());
    }
}
