using System.Net;
using Glance.Integration.Tests.Infrastructure;

namespace Glance.Integration.Tests;

/// <summary>Concurrent writers on one image over real HTTP and Table Storage ETags.</summary>
[Collection(GlanceServiceCollection.Name)]
public sealed class ConcurrencyTests(GlanceService service)
{
    [Fact]
    public async Task ParallelPatches_AddingDifferentProperties_LoseNoUpdate()
    {
        using var client = service.Client("race");
        var id = (await client.CreateImageAsync()).GetProperty("id").GetString();
        const int writers = 24;

        var responses = await Task.WhenAll(Enumerable.Range(0, writers).Select(i =>
            client.PatchJsonAsync($"/v2/images/{id}", $$"""[{"op":"add","path":"/p{{i}}","value":"{{i}}"}]""")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var image = await (await client.GetAsync($"/v2/images/{id}")).JsonAsync();
        for (var i = 0; i < writers; i++)
        {
            Assert.Equal(i.ToString(), image.GetProperty($"p{i}").GetString());
        }
    }

    [Fact]
    public async Task ParallelPatches_RemovingTheSameProperty_ExactlyOneSucceedsOthersConflict()
    {
        using var client = service.Client("race-remove");
        var id = (await client.CreateImageAsync("""{"k":"v"}""")).GetProperty("id").GetString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.PatchJsonAsync($"/v2/images/{id}", """[{"op":"remove","path":"/k"}]""")));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task ParallelDeleteAndPatch_NeverResurrectTheImage()
    {
        using var client = service.Client("race-delete");
        var id = (await client.CreateImageAsync()).GetProperty("id").GetString();

        var patches = Enumerable.Range(0, 8).Select(i => client.PatchJsonAsync($"/v2/images/{id}", $$"""[{"op":"add","path":"/p{{i}}","value":"x"}]"""));
        var delete = client.DeleteAsync($"/v2/images/{id}");
        var responses = await Task.WhenAll(patches.Append(delete));

        Assert.Equal(HttpStatusCode.NoContent, responses[^1].StatusCode);
        Assert.All(responses[..^1], r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.NotFound }));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v2/images/{id}")).StatusCode);
    }
}
