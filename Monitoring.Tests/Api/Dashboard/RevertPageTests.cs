using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Dashboard;

/// <summary>The import page's undo: a preview that writes nothing, then the confirmed revert, with the key in the form.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class RevertPageTests(DatabaseProvider provider)
{
    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [Test]
    public async Task The_journal_offers_undo_with_a_preview_then_a_confirmation()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var analystKey = await api.CreateKeyAsync("analyst");
        var client = api.ClientWithKey(null);
        await api.AdminClient().PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader("PCT,AREA-A,2022,41.5,,,")));
        var upload = await api.AdminClient().PostAsync("/api/v1/imports",
            MonitoringApiFactory.Upload(Csv.WithHeader("PCT,AREA-A,2022,42,,,", "PCT,AREA-A,2023,40,,,")));
        var b = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batchId").GetInt64();

        var journal = await client.GetStringAsync("/import");
        Assert.That(journal, Does.Contain($"id=\"batch-{b}\"").And.Contain($"action=\"/import/{b}/fortryd\""));

        var before = await api.Database.SnapshotAsync();
        var preview = await client.PostAsync($"/import/{b}/fortryd", Form(("key", analystKey), ("reason", "Forkert udtræk")));
        var previewHtml = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(previewHtml, Does.Contain("Dette vil gendanne 1 værdier, trække 1 tilbage og springe 0 over")
            .And.Contain("name=\"confirm\" value=\"ja\"").And.Contain("value=\"Forkert udtræk\""));
        Assert.That(await api.Database.SnapshotAsync(), Is.EqualTo(before), "the preview writes nothing");

        var confirmed = await client.PostAsync($"/import/{b}/fortryd",
            Form(("key", analystKey), ("reason", "Forkert udtræk"), ("confirm", "ja")));
        Assert.That(WebUtility.HtmlDecode(await confirmed.Content.ReadAsStringAsync()), Does.Contain($"Batch {b} er fortrudt som batch {b + 1}")
            .And.Contain($"fortryder batch {b}").And.Contain($"fortrudt af batch {b + 1}"));

        var twice = await client.PostAsync($"/import/{b}/fortryd", Form(("key", analystKey), ("confirm", "ja")));
        Assert.That(WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()), Does.Contain($"er allerede fortrudt af batch {b + 1}"));
    }

    [Test]
    public async Task Without_a_writers_key_nothing_is_undone()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var upload = await api.AdminClient().PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader("PCT,AREA-A,2022,41.5,,,")));
        var b = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batchId").GetInt64();
        var viewerKey = await api.CreateKeyAsync("viewer");
        var before = await api.Database.SnapshotAsync();

        var response = await api.ClientWithKey(null).PostAsync($"/import/{b}/fortryd", Form(("key", viewerKey), ("confirm", "ja")));

        Assert.That(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), Does.Contain("API-nøglen mangler eller må ikke fortryde"));
        Assert.That(await api.Database.SnapshotAsync(), Is.EqualTo(before));
    }
}
