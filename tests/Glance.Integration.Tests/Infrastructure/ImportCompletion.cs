using System.Text.Json;
using Glance.Integration.Tests.Faults;

namespace Glance.Integration.Tests.Infrastructure;

/// <summary>
/// POST /import answers 202 before the import runs (in the queue trigger), as Glance does: a test that needs the
/// outcome waits for the image's tasks to finish, with a bound, and then reads the image.
/// </summary>
public static class ImportCompletion
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The image once no task of it is pending or processing and it is no longer importing.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, string imageId, TimeSpan? timeout = null)
    {
        var bound = timeout ?? Patience;
        var seen = "";
        JsonElement image = default;
        await Poll.UntilAsync(async () =>
        {
            var tasks = (await (await client.GetAsync($"/v2/images/{imageId}/tasks")).JsonAsync()).GetProperty("tasks").EnumerateArray()
                .Select(t => t.GetProperty("status").GetString()).ToList();
            image = await (await client.GetAsync($"/v2/images/{imageId}")).JsonAsync();
            var status = image.GetProperty("status").GetString();
            seen = $"image {status}, tasks [{string.Join(", ", tasks)}]";
            return status != "importing" && tasks.All(t => t is not ("pending" or "processing"));
        }, bound, () => $"The import into image {imageId} did not finish within {bound.TotalSeconds:0} s (last seen: {seen}).");
        return image;
    }
}
