using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class CorrectionsApiTests(DatabaseProvider provider)
{
    private const string Url = "/api/v1/observations/corrections";

    [Test]
    public async Task An_analyst_corrects_and_withdraws_values_with_reasons_visible_in_the_journal()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var analyst = api.ClientWithKey(await api.CreateKeyAsync("analyst"));
        var upload = await analyst.PostAsync("/api/v1/imports",
            MonitoringApiFactory.Upload(Csv.WithHeader("PCT,AREA-A,2022,41.5,,,", "GRADE,AREA-B,2023,7,,,")));
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        var corrected = await analyst.PostAsJsonAsync(Url,
            new { indicator = "PCT", area = "AREA-A", period = "2022", value = 40.9, reason = "Tastefejl i kilden" });
        Assert.That(corrected.StatusCode, Is.EqualTo(HttpStatusCode.Created), await corrected.Content.ReadAsStringAsync());
        var correction = await corrected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That((correction.GetProperty("outcome").GetString(), correction.GetProperty("valueBefore").GetDouble(), correction.GetProperty("valueAfter").GetDouble()),
            Is.EqualTo(("corrected", 41.5, 40.9)));

        var withdrawn = await analyst.PostAsJsonAsync(Url,
            new { indicator = "GRADE", area = "AREA-B", period = "2023", withdraw = true, reason = "Skolen er lukket" });
        Assert.That(withdrawn.StatusCode, Is.EqualTo(HttpStatusCode.Created), await withdrawn.Content.ReadAsStringAsync());

        var values = (await analyst.GetFromJsonAsync<JsonElement>("/api/v1/observations")).GetProperty("items");
        Assert.That(values.EnumerateArray().Select(o => (o.GetProperty("indicator").GetString(), o.GetProperty("value").GetDouble())),
            Is.EqualTo(new[] { ("PCT", 40.9) }));
        var journal = (await analyst.GetFromJsonAsync<JsonElement>("/api/v1/imports")).GetProperty("items");
        Assert.That(journal.EnumerateArray().Take(2).Select(b => (b.GetProperty("source").GetString(), b.GetProperty("reason").GetString())),
            Is.EqualTo(new[] { ("correction", "Skolen er lukket"), ("correction", "Tastefejl i kilden") }));
        Assert.That(journal[0].GetProperty("withdrawn").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task Bad_corrections_are_problems_that_name_the_field()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();
        await admin.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader("PCT,AREA-A,2022,41.5,,,")));

        var noReason = await ProblemJson.ReadAsync(
            await admin.PostAsJsonAsync(Url, new { indicator = "PCT", area = "AREA-A", period = "2022", value = 40 }), HttpStatusCode.UnprocessableEntity);
        Assert.That(noReason.GetProperty("errors")[0].GetProperty("field").GetString(), Is.EqualTo("reason"));
        var badPeriod = await ProblemJson.ReadAsync(
            await admin.PostAsJsonAsync(Url, new { indicator = "PCT", area = "AREA-A", period = "2022Q9", value = 40, reason = "x" }), HttpStatusCode.UnprocessableEntity);
        Assert.That(badPeriod.GetProperty("errors")[0].GetProperty("field").GetString(), Is.EqualTo("period"));
        var missing = await ProblemJson.ReadAsync(
            await admin.PostAsJsonAsync(Url, new { indicator = "PCT", area = "AREA-B", period = "2022", withdraw = true, reason = "x" }), HttpStatusCode.NotFound);
        Assert.That(missing.GetProperty("detail").GetString(), Does.Contain("PCT / AREA-B / 2022"));
        var notJson = await admin.PostAsync(Url, new StringContent("{", System.Text.Encoding.UTF8, "application/json"));
        await ProblemJson.ReadAsync(notJson, HttpStatusCode.BadRequest);
        var wrongType = await admin.PostAsync(Url, new StringContent("{\"value\": \"abc\"}", System.Text.Encoding.UTF8, "application/json"));
        await ProblemJson.ReadAsync(wrongType, HttpStatusCode.BadRequest);
        var noBody = await ProblemJson.ReadAsync(await admin.PostAsync(Url, null), HttpStatusCode.BadRequest);
        Assert.That(noBody.GetProperty("detail").GetString(), Does.Contain("Send a JSON body"));

        var viewer = api.ClientWithKey(await api.CreateKeyAsync("viewer"));
        var forbidden = await viewer.PostAsJsonAsync(Url, new { indicator = "PCT", area = "AREA-A", period = "2022", withdraw = true, reason = "x" });
        Assert.That(forbidden.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
