using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

/// <summary>The built service started as a process on Kestrel, with the samples, called over real HTTP.</summary>
[NonParallelizable]
public class ServiceSmokeTests
{
    private ServiceProcess _service = null!;

    [OneTimeSetUp]
    public async Task Start() => _service = await ServiceProcess.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _service.DisposeAsync();

    [Test]
    public async Task Starts_on_an_empty_database_with_the_sample_plans_loaded()
    {
        using var client = _service.Client();

        var plans = await client.GetFromJsonAsync<JsonElement>("/api/v1/plans");

        var sampleFiles = Directory.GetFiles(Path.Combine(RepositoryPaths.Samples, "plans"), "*.json").Length;
        Assert.That(plans.GetArrayLength(), Is.EqualTo(sampleFiles).And.GreaterThanOrEqualTo(2));
        var slug = plans[0].GetProperty("slug").GetString();
        var goals = await client.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{slug}/goals");
        Assert.That(goals.GetArrayLength(), Is.InRange(3, 4));
    }

    [Test]
    public async Task Every_sample_observation_file_is_imported_whole()
    {
        using var client = _service.Client();
        var expected = Directory.GetFiles(Path.Combine(RepositoryPaths.Samples, "observations"), "*.csv")
            .Sum(f => File.ReadLines(f).Count(l => l.Length > 0) - 1);

        var batches = await client.GetFromJsonAsync<JsonElement>("/api/v1/imports");

        var created = batches.GetProperty("items").EnumerateArray().Sum(b => b.GetProperty("created").GetInt32());
        Assert.That(created, Is.EqualTo(expected));
    }

    [Test]
    public async Task Serves_swagger_and_health()
    {
        using var client = _service.Client();

        var swagger = await client.GetAsync("/swagger/index.html");
        var health = await client.GetAsync("/health");

        Assert.That(swagger.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Writes_the_admin_key_once_and_accepts_it_for_a_write()
    {
        var keyFile = Path.Combine(_service.WorkFolder, "data", "admin.key");
        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        using var client = _service.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);

        var dryRun = await client.PostAsync("/api/v1/imports?dryRun=true", MonitoringApiFactory.Upload(
            Csv.WithHeader("KARAKTER_DANSK_9,0901-SOLHAVEN,2025,6.5,,,")));

        Assert.That(_service.Output, Does.Contain(key), "printed once at first start");
        Assert.That(dryRun.StatusCode, Is.EqualTo(HttpStatusCode.OK), await dryRun.Content.ReadAsStringAsync());
    }
}
