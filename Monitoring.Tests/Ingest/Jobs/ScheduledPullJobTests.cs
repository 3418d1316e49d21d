using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Jobs;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ScheduledPullJobTests(DatabaseProvider provider)
{
    [Test]
    public async Task Imports_on_first_fetch_sends_validators_and_skips_on_304_and_imports_again_on_change()
    {
        await using var database = TestDatabase.Create(provider);
        await database.SeedCatalogAsync();
        await using var server = new LocalHttpServer();
        server.Publish(Csv.WithHeader("GRADE,AREA-A,2022,7,,,", "GRADE,AREA-A,2023,7.2,,,"), DateTimeOffset.UtcNow.AddDays(-1));
        await using var jobs = await JobsHost.StartAsync(database, Pull(new Uri(server.BaseAddress, "extract/karakterer.csv")));

        var first = await jobs.RunNowAsync("register");
        var second = await jobs.RunNowAsync("register");
        server.Publish(Csv.WithHeader("GRADE,AREA-A,2022,7,,,", "GRADE,AREA-A,2023,7.4,,,"), DateTimeOffset.UtcNow);
        var third = await jobs.RunNowAsync("register");

        Assert.That(first.Result, Does.StartWith("Committed"), first.ToString());
        Assert.That(second.Result, Is.EqualTo("not modified (304)"), second.ToString());
        Assert.That(third.Result, Does.StartWith("Committed").And.Contain("1 changed"), third.ToString());
        var requests = server.Requests;
        Assert.That(requests.Select(r => r.Status), Is.EqualTo(new[] { 200, 304, 200 }));
        Assert.That(requests[0].IfNoneMatch, Is.Null);
        Assert.That(requests[1].IfNoneMatch, Is.Not.Null.And.StartsWith("\"v"));
        Assert.That(requests[1].IfModifiedSince, Is.Not.Null);
        Assert.That(requests[0].Path, Is.EqualTo("/extract/karakterer.csv"));
        Assert.That(await database.CountAsync("import_batches"), Is.EqualTo(2));
    }

    [Test]
    public async Task A_failing_server_is_retried_with_backoff_within_the_run()
    {
        await using var database = TestDatabase.Create(provider);
        await database.SeedCatalogAsync();
        await using var server = new LocalHttpServer();
        server.Publish(Csv.WithHeader("GRADE,AREA-A,2022,7,,,"), DateTimeOffset.UtcNow.AddDays(-1));
        server.FailNext(2);
        await using var jobs = await JobsHost.StartAsync(database, Pull(new Uri(server.BaseAddress, "extract.csv")));

        var run = await jobs.RunNowAsync("register");

        Assert.That(run.Result, Does.StartWith("Committed"), run.ToString());
        Assert.That(server.Requests.Select(r => r.Status), Is.EqualTo(new[] { 503, 503, 200 }));
        Assert.That(await database.CountAsync("import_batches"), Is.EqualTo(1));
    }

    private static Dictionary<string, string?> Pull(Uri url) => new()
    {
        ["Monitoring:Jobs:Recurring:register:Cron"] = "0 6 * * *",
        ["Monitoring:Jobs:Recurring:register:Job"] = "pull",
        ["Monitoring:Jobs:Recurring:register:Url"] = url.ToString(),
        ["Monitoring:Jobs:Pull:RetryAttempts"] = "3",
        ["Monitoring:Jobs:Pull:RetryDelay"] = "00:00:00.100",
    };
}
