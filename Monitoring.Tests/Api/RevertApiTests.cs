using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class RevertApiTests(DatabaseProvider provider)
{
    private static async Task<long> UploadAsync(HttpClient client, params string[] rows)
    {
        var response = await client.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader(rows)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batchId").GetInt64();
    }

    private static async Task<JsonElement> Observations(HttpClient client, string query = "") =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/observations?indicator=PCT" + query)).GetProperty("items");

    [Test]
    public async Task An_analyst_previews_then_reverts_a_batch_and_the_journal_shows_which_reverts_which()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var analyst = api.ClientWithKey(await api.CreateKeyAsync("analyst"));
        var a = await UploadAsync(analyst, "PCT,AREA-A,2022,41.5,,,");
        var b = await UploadAsync(analyst, "PCT,AREA-A,2022,42,,,", "PCT,AREA-A,2023,40,,,");
        var before = await api.Database.SnapshotAsync();

        var preview = await analyst.PostAsync($"/api/v1/imports/{b}/revert?dryRun=true", null);

        Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK), await preview.Content.ReadAsStringAsync());
        var dry = await preview.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(dry.GetProperty("status").GetString(), Is.EqualTo("dryRun"));
        Assert.That((dry.GetProperty("restored").GetInt32(), dry.GetProperty("withdrawn").GetInt32(), dry.GetProperty("skipped").GetInt32()),
            Is.EqualTo((1, 1, 0)));
        var restored = dry.GetProperty("restoredValues")[0];
        Assert.That((restored.GetProperty("period").GetString(), restored.GetProperty("valueNow").GetDouble(), restored.GetProperty("valueAfter").GetDouble()),
            Is.EqualTo(("2022", 42.0, 41.5)));
        Assert.That(await api.Database.SnapshotAsync(), Is.EqualTo(before), "a dry run writes nothing");

        var response = await analyst.PostAsJsonAsync($"/api/v1/imports/{b}/revert", new { reason = "Forkert udtræk" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var revert = report.GetProperty("batchId").GetInt64();
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/imports/{revert}"));
        var now = await Observations(analyst);
        Assert.That(now.EnumerateArray().Select(o => o.GetProperty("value").GetDouble()), Is.EqualTo(new[] { 41.5 }));
        var asOfB = await Observations(analyst, $"&asOfBatch={b}");
        Assert.That(asOfB.EnumerateArray().Select(o => o.GetProperty("value").GetDouble()), Is.EqualTo(new[] { 42.0, 40.0 }));

        var journal = (await analyst.GetFromJsonAsync<JsonElement>("/api/v1/imports")).GetProperty("items");
        var newest = journal[0];
        Assert.That((newest.GetProperty("id").GetInt64(), newest.GetProperty("source").GetString(), newest.GetProperty("revertsBatchId").GetInt64(),
            newest.GetProperty("reason").GetString()), Is.EqualTo((revert, "revert", b, "Forkert udtræk")));
        Assert.That(journal[1].GetProperty("revertedByBatchId").GetInt64(), Is.EqualTo(revert));
        Assert.That(journal[2].GetProperty("id").GetInt64(), Is.EqualTo(a));
        Assert.That(journal[2].GetProperty("revertedByBatchId").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Reverting_twice_is_409_an_unknown_batch_404_and_a_viewer_403()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();
        var b = await UploadAsync(admin, "PCT,AREA-A,2022,41.5,,,");
        var first = await admin.PostAsync($"/api/v1/imports/{b}/revert", null);
        var revert = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batchId").GetInt64();

        var twice = await ProblemJson.ReadAsync(await admin.PostAsync($"/api/v1/imports/{b}/revert", null), HttpStatusCode.Conflict);
        Assert.That(twice.GetProperty("detail").GetString(), Does.Contain($"already reverted by batch {revert}"));
        Assert.That(twice.GetProperty("revertedBy").GetInt64(), Is.EqualTo(revert));
        var unknown = await ProblemJson.ReadAsync(await admin.PostAsync("/api/v1/imports/9999/revert?dryRun=true", null), HttpStatusCode.NotFound);
        Assert.That(unknown.GetProperty("detail").GetString(), Does.Contain("9999"));

        var viewer = api.ClientWithKey(await api.CreateKeyAsync("viewer"));
        Assert.That((await viewer.PostAsync($"/api/v1/imports/{revert}/revert", null)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await api.ClientWithKey(null).PostAsync($"/api/v1/imports/{revert}/revert", null)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_bad_body_is_a_problem_not_a_crash()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();
        var b = await UploadAsync(admin, "PCT,AREA-A,2022,41.5,,,");

        var broken = await admin.PostAsync($"/api/v1/imports/{b}/revert",
            new StringContent("{ \"reason\": ", System.Text.Encoding.UTF8, "application/json"));
        await ProblemJson.ReadAsync(broken, HttpStatusCode.BadRequest);
        var tooLong = await admin.PostAsJsonAsync($"/api/v1/imports/{b}/revert", new { reason = new string('x', 3000) });
        var problem = await ProblemJson.ReadAsync(tooLong, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.GetProperty("errors")[0].GetProperty("field").GetString(), Is.EqualTo("reason"));
    }
}
