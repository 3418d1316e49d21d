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

        Assert.That(_service.Output, Does.Not.Contain(key), "standard output ends in logs: it says where, not what");
        Assert.That(_service.Output, Does.Contain(keyFile));
        Assert.That(dryRun.StatusCode, Is.EqualTo(HttpStatusCode.OK), await dryRun.Content.ReadAsStringAsync());
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Keeps_the_data_folder_the_database_and_the_key_to_its_own_user()
    {
        var data = Path.Combine(_service.WorkFolder, "data");
        var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

        Assert.That(File.GetUnixFileMode(data), Is.EqualTo(ownerOnly | UnixFileMode.UserExecute));
        Assert.That(File.GetUnixFileMode(Path.Combine(data, "monitoring.db")), Is.EqualTo(ownerOnly));
        Assert.That(File.GetUnixFileMode(Path.Combine(data, "admin.key")), Is.EqualTo(ownerOnly));
        Assert.That(Directory.GetFiles(data, "*.tmp", SearchOption.AllDirectories), Is.Empty, "the key's temporary file was renamed into place");
    }

    [Test]
    public async Task Pages_forbid_inline_script_and_framing_and_show_no_text_from_the_url()
    {
        using var client = _service.Client();
        var slug = (await client.GetFromJsonAsync<JsonElement>("/api/v1/plans"))[0].GetProperty("slug").GetString();
        var indicator = (await client.GetFromJsonAsync<JsonElement>("/api/v1/indicators"))[0].GetProperty("code").GetString();

        foreach (var path in new[] { "/", $"/planer/{slug}", $"/indikatorer/{indicator}", "/import" })
        {
            using var response = await client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.That(csp, Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.Not.Contain("unsafe-eval"), path);
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }), path);
            Assert.That(response.Headers.Contains("Referrer-Policy"), path);
            Assert.That(html, Does.Not.Match("<script(?![^>]*\\bsrc=)").And.Not.Match("\\son[a-z]+=\""), $"inline script in {path}");
        }
        var phishing = await client.GetStringAsync($"/indikatorer/{indicator}?message=Ring+straks+til+12345678&note=Ring+straks");
        Assert.That(phishing, Does.Not.Contain("Ring straks"));
        var script = await client.GetAsync("/dashboard.js");
        Assert.That(script.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Next_links_never_take_the_host_from_the_request()
    {
        using var client = _service.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/observations?limit=2");
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request);
        var next = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("next").GetString();

        Assert.That(next, Does.StartWith("/api/v1/observations?"));
        Assert.That(next, Does.Not.Contain("evil.example"));
    }
}
