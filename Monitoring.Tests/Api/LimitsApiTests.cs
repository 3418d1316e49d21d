using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import.Formats;
using Monitoring.Ingest.Jobs;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

/// <summary>What one request and one caller may ask: body size, request rate, echoed values, chart sizes, kept uploads.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class LimitsApiTests(DatabaseProvider provider)
{
    [Test]
    public async Task An_upload_over_the_limit_answers_413_naming_the_limit()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Monitoring:Limits:MaxUploadBytes"] = "4096",
        });
        var rows = Enumerable.Range(0, 200).Select(i => $"GRADE,AREA-A,{1900 + i},7,,,").ToArray();

        var response = await api.AdminClient().PostAsync("/api/v1/imports?dryRun=true", MonitoringApiFactory.Upload(Csv.WithHeader(rows)));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("4,096 bytes").And.Contain("Monitoring:Limits:MaxUploadBytes"));
        Assert.That(problem.GetProperty("limitBytes").GetInt64(), Is.EqualTo(4096));
    }

    [Test]
    public async Task A_caller_over_its_rate_gets_429_with_retry_after_and_other_keys_keep_theirs()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Monitoring:Limits:RateLimit:PermitLimit"] = "5",
            ["Monitoring:Limits:RateLimit:Window"] = "00:01:00",
        });
        var admin = api.AdminClient();
        var other = api.ClientWithKey(await api.CreateKeyAsync("viewer"));

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 7; i++)
        {
            last = await admin.GetAsync("/api/v1/indicators");
            statuses.Add(last.StatusCode);
        }
        var otherKey = await other.GetAsync("/api/v1/indicators");

        Assert.That(statuses.Take(5), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(statuses.Skip(5), Is.All.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(last.Headers.RetryAfter?.Delta?.TotalSeconds, Is.InRange(1, 60));
        var problem = await ProblemJson.ReadAsync(last, HttpStatusCode.TooManyRequests);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("5 requests"));
        Assert.That(otherKey.StatusCode, Is.EqualTo(HttpStatusCode.OK), "each key has its own budget");
    }

    [Test]
    public async Task Health_checks_are_not_rate_limited_and_do_not_spend_the_addresss_budget()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Monitoring:Limits:RateLimit:PermitLimit"] = "5",
            ["Monitoring:Limits:RateLimit:Window"] = "00:01:00",
        });
        var anonymous = api.CreateClient();

        // A load balancer probes from one address, often the same as users behind it: it must never get 429.
        var health = new List<HttpStatusCode>();
        foreach (var path in new[] { "/health/live", "/health/ready", "/health" })
        {
            for (var i = 0; i < 8; i++)
                health.Add((await anonymous.GetAsync(path)).StatusCode);
        }
        var reads = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
            reads.Add((await anonymous.GetAsync("/api/v1/indicators")).StatusCode);

        Assert.That(health, Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That(reads.Take(5), Is.All.EqualTo(HttpStatusCode.OK), "the probes spent none of the address's budget");
        Assert.That(reads[5], Is.EqualTo(HttpStatusCode.TooManyRequests), "other routes are still limited");
    }

    [Test]
    public async Task A_huge_cell_is_echoed_cut_to_about_200_characters()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var huge = new string('9', 500_000) + "x";

        var response = await api.AdminClient().PostAsync("/api/v1/imports?dryRun=true",
            MonitoringApiFactory.Upload(Csv.WithHeader($"GRADE,AREA-A,2022,{huge},,,", $"GRADE,AREA-A,2023,{huge},,,", $"{huge},AREA-A,2024,7,,,")));

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body[..Math.Min(body.Length, 500)]);
        Assert.That(body.Length, Is.LessThan(20_000), "three 500 KB cells must not come back");
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.That(errors, Is.Not.Empty);
        Assert.That(errors.Select(e => e.GetProperty("value").GetString()!.Length), Is.All.LessThanOrEqualTo(240));
        Assert.That(errors.Select(e => e.GetProperty("message").GetString()!.Length), Is.All.LessThanOrEqualTo(800));
    }

    [TestCase(801, 400, "width", "800")]
    [TestCase(800, 401, "height", "400")]
    public async Task Charts_render_only_at_the_listed_sizes(int width, int height, string parameter, string listed)
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);

        var response = await api.CreateClient().GetAsync($"/api/v1/charts/targets/1.svg?width={width}&height={height}");

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("parameter").GetString(), Is.EqualTo(parameter));
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(listed).And.Contain("1600"));
    }

    [Test]
    public async Task Ended_uploads_older_than_the_retention_are_removed_with_their_files()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Monitoring:Jobs:UploadRetention"] = "7.00:00:00",
        });
        var folder = Directory.CreateDirectory(Path.Combine(api.Database.Folder, "uploads")).FullName;
        var old = new UploadStore(api.Database.Database, new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-8)));
        var recent = new UploadStore(api.Database.Database, new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-1)));
        async Task<string> CreateAsync(UploadStore store, string id, string status)
        {
            var path = Path.Combine(folder, id + ".csv");
            await File.WriteAllTextAsync(path, "x");
            await store.CreateAsync(id, id + ".csv", path, 1, "test", ImportOptions.Detect);
            if (status == UploadStatus.Failed)
                await store.RecordErrorAsync(id, "boom");
            else
                await store.FinishAsync(id, status, null, "{\"big\":\"report\"}", 0);
            return path;
        }
        var oldRejected = await CreateAsync(old, "oldrejected", UploadStatus.Rejected);
        var oldFailed = await CreateAsync(old, "oldfailed", UploadStatus.Failed);
        var recentRejected = await CreateAsync(recent, "recentrejected", UploadStatus.Rejected);
        await old.CreateAsync("oldqueued", "q.csv", Path.Combine(folder, "oldqueued.csv"), 1, "test", ImportOptions.Detect);

        var outcome = await api.Services.GetRequiredService<UploadCleanupJob>().RunAsync(CancellationToken.None);

        var uploads = api.Services.GetRequiredService<UploadStore>();
        Assert.That(outcome, Does.StartWith("removed 2"));
        Assert.That(await uploads.FindAsync("oldrejected"), Is.Null);
        Assert.That(await uploads.FindAsync("oldfailed"), Is.Null);
        Assert.That(File.Exists(oldRejected) || File.Exists(oldFailed), Is.False);
        Assert.That(await uploads.FindAsync("recentrejected"), Is.Not.Null);
        Assert.That(File.Exists(recentRejected));
        Assert.That(await uploads.FindAsync("oldqueued"), Is.Not.Null, "an upload still waiting is never cleaned away");
    }
}
