using System.Net;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.OData;

/// <summary>Small numbers never leave through the feed: not as values, not across pages, not through what a filter on values matches.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ODataSuppressionTests(DatabaseProvider provider)
{
    [Test]
    public async Task Withheld_values_are_never_present_and_a_value_filter_cannot_find_them()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var upload = await api.AdminClient().PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader(
            "PCT,AREA-A,2023,40.0,40,100,",
            "PCT,AREA-A,2023,33.3,1,3,alder:15-29",
            "PCT,AREA-A,2023,40.0,20,50,alder:30-64",
            "PCT,AREA-A,2023,40.4,19,47,alder:65+")));
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var feed = await ODataFeedReader.OpenAsync(api.CreateClient());

        // One row a page: each subgroup is still judged with its siblings on other pages.
        var (rows, pages) = await feed.AllAsync("Observations", "/odata/Observations", "odata.maxpagesize=1");
        var bySubgroup = rows.ToDictionary(r => r.Text("Subgroup"));
        var matching = (await feed.AllAsync("Observations", "/odata/Observations?$filter=Value gt 33")).Entries;

        Assert.That(pages, Is.EqualTo(4));
        foreach (var hidden in new[] { "alder:15-29", "alder:65+" })
        {
            Assert.That(bySubgroup[hidden]["Value"], Is.Null, hidden);
            Assert.That(bySubgroup[hidden]["Numerator"], Is.Null, hidden);
            Assert.That(bySubgroup[hidden]["Denominator"], Is.Null, hidden);
            Assert.That(bySubgroup[hidden]["IntervalLower"], Is.Null, hidden);
            Assert.That(bySubgroup[hidden]["Suppressed"], Is.True, hidden);
            Assert.That(bySubgroup[hidden].Text("Flags"), Does.Contain("suppressed"), hidden);
        }
        Assert.That(bySubgroup["alder:30-64"]["Value"], Is.EqualTo(40.0));
        Assert.That(bySubgroup["alder:30-64"]["Suppressed"], Is.False);
        Assert.That(matching.Select(r => r.Text("Subgroup")), Is.EquivalentTo(new[] { "", "alder:30-64" }));
        var one = await api.CreateClient().GetStringAsync($"/odata/Observations('{bySubgroup["alder:65+"].Text("Id")}')?$select=Value,Suppressed");
        Assert.That(one, Does.Contain("\"Value\":null").And.Contain("\"Suppressed\":true").And.Not.Contain("40.4"), "read by key, still withheld");
    }
}
