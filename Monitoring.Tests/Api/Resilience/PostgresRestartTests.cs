using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Resilience;

/// <summary>
/// The real service on a PostgreSQL cluster of its own, which the test stops and starts again:
/// while it is down requests answer 503 with Retry-After within seconds (never a long hang or a
/// 500) and readiness fails; once it is back the service recovers without a restart.
/// </summary>
[NonParallelizable]
public class PostgresRestartTests
{
    [Test]
    public async Task A_stopped_database_answers_503_quickly_and_the_service_recovers_when_it_returns()
    {
        var cluster = PostgresServer.StartDedicated();
        try
        {
            var connectionString = cluster.CreateDatabase("monitoring_restart");
            await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string>
            {
                ["Monitoring__Database__Provider"] = "Postgres",
                ["ConnectionStrings__Monitoring"] = connectionString,
            });
            // Probes come without a key, as an orchestrator's would.
            using var probe = service.Client();
            using var client = service.Client();
            client.DefaultRequestHeaders.Add("X-Api-Key", File.ReadAllText(Path.Combine(service.WorkFolder, "data", "admin.key")).Trim());
            Assert.That((await client.GetAsync("/api/v1/plans")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

            cluster.StopServer();
            var clock = Stopwatch.StartNew();
            var read = await client.GetAsync("/api/v1/indicators");
            var readTook = clock.Elapsed;
            clock.Restart();
            var write = await client.PostAsync("/api/v1/imports?dryRun=true",
                MonitoringApiFactory.Upload(Csv.WithHeader("KARAKTER_DANSK_9,0901-SOLHAVEN,2025,6.5,,,")));
            var writeTook = clock.Elapsed;
            clock.Restart();
            var ready = await probe.GetAsync("/health/ready");
            var readyTook = clock.Elapsed;
            var live = await probe.GetAsync("/health/live");

            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await read.Content.ReadAsStringAsync());
            Assert.That(read.Headers.RetryAfter, Is.Not.Null);
            Assert.That(readTook, Is.LessThan(TimeSpan.FromSeconds(3)));
            Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await write.Content.ReadAsStringAsync());
            Assert.That(writeTook, Is.LessThan(TimeSpan.FromSeconds(3)));
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await ready.Content.ReadAsStringAsync());
            Assert.That(await ready.Content.ReadAsStringAsync(), Does.Contain("database: Unhealthy"));
            Assert.That(readyTook, Is.LessThan(TimeSpan.FromSeconds(2)));
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the process itself is fine: no restart wanted");

            cluster.StartServer();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            HttpStatusCode readiness;
            do
            {
                await Task.Delay(250);
                readiness = (await probe.GetAsync("/health/ready")).StatusCode;
            }
            while (readiness != HttpStatusCode.OK && DateTime.UtcNow < deadline);
            Assert.That(readiness, Is.EqualTo(HttpStatusCode.OK), "ready again once the database is back");
            Assert.That((await client.GetAsync("/api/v1/indicators")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var dryRun = await client.PostAsync("/api/v1/imports?dryRun=true",
                MonitoringApiFactory.Upload(Csv.WithHeader("KARAKTER_DANSK_9,0901-SOLHAVEN,2025,6.5,,,")));
            Assert.That(dryRun.StatusCode, Is.EqualTo(HttpStatusCode.OK), await dryRun.Content.ReadAsStringAsync());
            Assert.That(service.Output, Does.Not.Contain("Unhandled exception"));
        }
        finally
        {
            cluster.Remove();
        }
    }
}
