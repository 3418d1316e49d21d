using System.Net;
using Monitoring.Api.Auth;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.OData;

/// <summary>The feed, its service document and metadata included, obeys read access as the rest of the API.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ODataAccessTests(DatabaseProvider provider)
{
    [TestCase("/odata")]
    [TestCase("/odata/$metadata")]
    [TestCase("/odata/Plans")]
    [TestCase("/odata/Observations")]
    [TestCase("/api/v1/extracts/goal-status.csv")]
    public async Task Without_anonymous_read_the_feed_and_extracts_need_a_key(string url)
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, anonymousRead: false);

        using var anonymous = await api.CreateClient().GetAsync(url);
        using var wrongKey = await api.ClientWithKey("mon_not-a-real-key").GetAsync(url);
        using var bi = await api.ClientWithKey(await api.CreateKeyAsync(Roles.BiReader)).GetAsync(url);

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(wrongKey.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(bi.StatusCode, Is.EqualTo(HttpStatusCode.OK), await bi.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Power_query_credentials_work_a_key_in_the_url_pages_through_every_observation_and_basic_takes_the_key_as_password()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, anonymousRead: false);
        var rows = Enumerable.Range(0, 30).Select(i => $"PCT,AREA-A,{1990 + i},{i + 10},,,").ToArray();
        await api.AdminClient().PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader(rows)));
        var key = await api.CreateKeyAsync(Roles.BiReader);
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("Prefer", "odata.maxpagesize=7");

        // Power Query's "Web API" credential: the key as the query parameter it names, on every request including next links.
        var ids = new List<string>();
        string? next = $"/odata/Observations?api_key={Uri.EscapeDataString(key)}&$select=Id";
        var pages = 0;
        while (next is not null)
        {
            using var page = await client.GetAsync(next);
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), await page.Content.ReadAsStringAsync());
            var json = System.Text.Json.JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement;
            ids.AddRange(json.GetProperty("value").EnumerateArray().Select(v => v.GetProperty("Id").GetString()!));
            next = json.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
            pages++;
        }
        var basic = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("powerbi:" + key)));
        using var withBasic = new HttpRequestMessage(HttpMethod.Get, "/api/v1/extracts/observations-long.csv") { Headers = { Authorization = basic } };
        using var basicResponse = await client.SendAsync(withBasic);
        using var wrongInUrl = await client.GetAsync("/odata/Plans?api_key=mon_wrong");
        using var keyInUrlElsewhere = await client.GetAsync($"/api/v1/plans?api_key={Uri.EscapeDataString(key)}");

        Assert.That(ids, Has.Count.EqualTo(30).And.Unique);
        Assert.That(pages, Is.EqualTo(5));
        Assert.That(basicResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await basicResponse.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(31));
        Assert.That(wrongInUrl.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a wrong key in the URL is refused, never anonymous");
        Assert.That(keyInUrlElsewhere.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the key is taken from the URL only on the BI routes");
    }

    [Test]
    public async Task Links_come_from_the_public_url_and_never_carry_a_key_to_a_host_the_request_named()
    {
        const string publicUrl = "https://monitorering.kommune.example";
        await using var configured = await MonitoringApiFactory.StartAsync(provider, anonymousRead: false,
            settings: new Dictionary<string, string?> { ["Monitoring:PublicUrl"] = publicUrl + "/" });
        await using var unconfigured = await MonitoringApiFactory.StartAsync(provider, anonymousRead: false);

        foreach (var api in new[] { configured, unconfigured })
        {
            var rows = Enumerable.Range(0, 10).Select(i => $"PCT,AREA-A,{2000 + i},{i + 10},,,").ToArray();
            await api.AdminClient().PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader(rows)));
        }

        // A Host header the caller chose (a proxy passing it on, a poisoned cache): the links must not follow it.
        async Task<System.Text.Json.JsonElement> PageAsync(MonitoringApiFactory api, string path)
        {
            var key = Uri.EscapeDataString(await api.CreateKeyAsync(Roles.BiReader));
            using var client = api.CreateClient();
            client.BaseAddress = new Uri("http://evil.example/");
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}{(path.Contains('?') ? '&' : '?')}api_key={key}");
            request.Headers.Add("Prefer", "odata.maxpagesize=2");
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            return System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
        }

        foreach (var path in new[] { "/odata/Observations?$select=Id", "/odata/Areas" })
        {
            var page = await PageAsync(configured, path);
            Assert.That(page.GetProperty("@odata.context").GetString(), Does.StartWith(publicUrl + "/odata/$metadata"), path);
            Assert.That(page.GetProperty("@odata.nextLink").GetString(), Does.StartWith(publicUrl + "/odata/").And.Contain("api_key="), path);

            var foreign = await PageAsync(unconfigured, path);
            Assert.That(foreign.GetProperty("@odata.nextLink").GetString(), Does.Not.Contain("api_key"), path);
            Assert.That(foreign.GetProperty("@odata.nextLink").GetString(), Does.Contain("$skiptoken=").Or.Contain("%24skiptoken="), path);
        }
    }
}
