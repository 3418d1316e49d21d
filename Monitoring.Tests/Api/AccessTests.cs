using System.Net;
using System.Net.Http.Json;
using Monitoring.Api.Auth;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class AccessTests(DatabaseProvider provider)
{
    [Test]
    public async Task Writes_without_a_key_are_refused_with_a_problem()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var anonymous = api.CreateClient();

        var upload = await anonymous.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader("GRADE,AREA-A,2023,7,,,")));
        var plan = await anonymous.PostAsJsonAsync("/api/v1/plans", new { slug = "x-plan", name = "X", municipalityCode = "0901", fundingPeriod = "2019-2026" });

        await ProblemJson.ReadAsync(upload, HttpStatusCode.Unauthorized);
        await ProblemJson.ReadAsync(plan, HttpStatusCode.Unauthorized);
        Assert.That(upload.Headers.WwwAuthenticate.ToString(), Does.Contain(ApiKeyAuthenticationHandler.HeaderName));
        Assert.That(await api.Database.CountAsync("observations"), Is.Zero);
        Assert.That(await api.Database.CountAsync("plans"), Is.Zero);
    }

    [Test]
    public async Task A_wrong_key_is_refused()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);

        var response = await api.ClientWithKey("mon_not-a-real-key")
            .PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader("GRADE,AREA-A,2023,7,,,")));

        await ProblemJson.ReadAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_viewer_key_may_read_but_not_write()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, anonymousRead: false);
        var viewer = api.ClientWithKey(await api.CreateKeyAsync(Roles.Viewer));

        var read = await viewer.GetAsync("/api/v1/indicators");
        var write = await viewer.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader("GRADE,AREA-A,2023,7,,,")));

        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await ProblemJson.ReadAsync(write, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task An_analyst_key_may_import()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var analyst = api.ClientWithKey(await api.CreateKeyAsync(Roles.Analyst));

        var response = await analyst.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader("GRADE,AREA-A,2023,7,,,")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Reads_need_a_key_when_anonymous_reading_is_off()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, anonymousRead: false);

        var anonymous = await api.CreateClient().GetAsync("/api/v1/observations");
        var withKey = await api.AdminClient().GetAsync("/api/v1/observations");

        await ProblemJson.ReadAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.That(withKey.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Reads_are_open_on_the_embedded_default()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, anonymousRead: true);

        var response = await api.CreateClient().GetAsync("/api/v1/areas");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_first_admin_key_is_written_for_the_owner_only_and_stored_only_as_a_hash()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var key = api.AdminKey;
        var file = Directory.GetFiles(api.Database.Folder, "admin.key").Single();

        var mode = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(file);
        var snapshot = await api.Database.SnapshotAsync();

        Assert.That(mode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(key, Does.StartWith("mon_").And.Length.GreaterThan(40));
        Assert.That(snapshot, Does.Not.Contain(key), "the clear key is nowhere in the database");
        Assert.That(snapshot, Does.Contain(Monitoring.Ingest.Data.ApiKeyStore.Hash(key)));
    }
}
