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
}
