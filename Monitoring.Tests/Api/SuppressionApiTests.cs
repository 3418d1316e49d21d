using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

/// <summary>Small numbers never leave the service: not in JSON, not in CSV, not even across pages.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class SuppressionApiTests(DatabaseProvider provider)
{
    [Test]
    public async Task Small_subgroups_and_their_subtractable_sibling_are_withheld_in_json_and_csv()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var upload = await api.AdminClient().PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader(
            "PCT,AREA-A,2023,40.0,40,100,",
            "PCT,AREA-A,2023,33.3,1,3,alder:15-29",
            "PCT,AREA-A,2023,40.0,20,50,alder:30-64",
            "PCT,AREA-A,2023,40.4,19,47,alder:65+")));
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var client = api.CreateClient();

        // One row a page: each subgroup is judged with its siblings even when they are on other pages.
        var rows = new List<JsonElement>();
        string? next = "/api/v1/observations?indicator=PCT&limit=1";
        while (next is not null)
        {
            var page = await client.GetFromJsonAsync<JsonElement>(next);
            rows.AddRange(page.GetProperty("items").EnumerateArray());
            next = page.GetProperty("next").GetString();
        }
        var csv = await client.GetStringAsync("/api/v1/observations?indicator=PCT&format=csv");

        var bySubgroup = rows.ToDictionary(r => r.GetProperty("subgroup").GetString()!);
        foreach (var hidden in new[] { "alder:15-29", "alder:65+" })
        {
            Assert.That(bySubgroup[hidden].GetProperty("value").ValueKind, Is.EqualTo(JsonValueKind.Null), hidden);
            Assert.That(bySubgroup[hidden].GetProperty("denominator").ValueKind, Is.EqualTo(JsonValueKind.Null), hidden);
            Assert.That(bySubgroup[hidden].GetProperty("flags").GetString(), Does.Contain("suppressed"));
        }
        Assert.That(bySubgroup["alder:30-64"].GetProperty("value").GetDouble(), Is.EqualTo(40.0));
        Assert.That(csv, Does.Not.Contain("33.3").And.Not.Contain("40.4").And.Not.Contain(",47,"));
        Assert.That(csv, Does.Contain("alder:30-64,40,20,50"));
    }
}
