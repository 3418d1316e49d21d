using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Dashboard;

/// <summary>The import page's undo: a preview that writes nothing, then the confirmed revert, by a signed-in writer with the form's token.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class RevertPageTests(DatabaseProvider provider)
{
    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [Test]
    public async Task The_journal_offers_undo_with_a_preview_then_a_confirmation()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var analyst = await BrowserSession.SignInAsync(api, "analyst");
        var client = analyst.Client;
        await api.AdminClient().PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader("PCT,AREA-A,2022,41.5,,,")));
        var upload = await api.AdminClient().PostAsync("/api/v1/imports",
            MonitoringApiFactory.Upload(Csv.WithHeader("PCT,AREA-A,2022,42,,,", "PCT,AREA-A,2023,40,,,")));
        var b = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batchId").GetInt64();

        var journal = await client.GetStringAsync("/import");
        Assert.That(journal, Does.Contain($"id=\"batch-{b}\"").And.Contain($"action=\"/import/{b}/fortryd\""));

        var before = await api.Database.SnapshotAsync();
        var preview = await analyst.PostFormAsync("/import", $"/import/{b}/fortryd", ("reason", "Forkert udtræk"));
        var previewHtml = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(previewHtml, Does.Contain("Dette vil gendanne 1 værdier, trække 1 tilbage og springe 0 over")
            .And.Contain("name=\"confirm\" value=\"ja\"").And.Contain("value=\"Forkert udtræk\""));
        Assert.That(await api.Database.SnapshotAsync(), Is.EqualTo(before), "the preview writes nothing");

        var confirmed = await analyst.PostFormAsync("/import", $"/import/{b}/fortryd", ("reason", "Forkert udtræk"), ("confirm", "ja"));
        Assert.That(WebUtility.HtmlDecode(await confirmed.Content.ReadAsStringAsync()), Does.Contain($"Batch {b} er fortrudt som batch {b + 1}")
            .And.Contain($"fortryder batch {b}").And.Contain($"fortrudt af batch {b + 1}"));

        var twice = await analyst.PostFormAsync("/import", $"/import/{b}/fortryd", ("confirm", "ja"));
        Assert.That(WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()), Does.Contain($"er allerede fortrudt af batch {b + 1}"));
    }

    [Test]
    public async Task Without_a_writers_session_nothing_is_undone_and_the_visitor_is_sent_to_sign_in()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var upload = await api.AdminClient().PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader("PCT,AREA-A,2022,41.5,,,")));
        var b = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batchId").GetInt64();
        var viewer = await BrowserSession.SignInAsync(api, "viewer");
        var analyst = await BrowserSession.SignInAsync(api, "analyst");
        var before = await api.Database.SnapshotAsync();

        var response = await viewer.PostFormAsync("/log-ind", $"/import/{b}/fortryd", ("confirm", "ja"));
        var withoutToken = await analyst.Client.PostAsync($"/import/{b}/fortryd", Form(("confirm", "ja")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.ToString(), Does.Contain("/log-ind?").And.Contain("grund=rolle"));
        Assert.That(withoutToken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a post without the form's token is refused");
        Assert.That(await api.Database.SnapshotAsync(), Is.EqualTo(before));
    }
}
