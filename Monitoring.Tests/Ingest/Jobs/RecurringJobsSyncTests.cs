using Hangfire;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Jobs;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Jobs;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class RecurringJobsSyncTests(DatabaseProvider provider)
{
    [Test]
    public async Task Configured_jobs_are_registered_updated_and_removed_when_taken_out_of_configuration()
    {
        await using var database = TestDatabase.Create(provider);
        var storage = TestJobStorage.Create(database);
        var overview = new JobsOverview(storage, new RecurringJobManager(storage));

        Sync(storage, new()
        {
            ["snapshot"] = new() { Cron = "0 2 * * *" },
            ["inbox"] = new() { Cron = "*/5 * * * *", Folder = "/tmp/inbox" },
        });
        var first = overview.Recurring();
        var second = Sync(storage, new() { ["snapshot"] = new() { Cron = "30 1 * * *" } });

        Assert.That(first.Select(j => j.Id), Is.EqualTo(new[] { "inbox", "snapshot" }));
        Assert.That(second.Removed, Is.EqualTo(new[] { "inbox" }));
        var remaining = overview.Recurring().Single();
        Assert.That(remaining.Id, Is.EqualTo("snapshot"));
        Assert.That(remaining.Cron, Is.EqualTo("30 1 * * *"));
        Assert.That(remaining.TimeZone, Is.EqualTo("Europe/Copenhagen"));
    }

    [Test]
    public void A_job_missing_its_setting_stops_the_start_with_the_key_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            RecurringJobsSync.ToHangfireJob("lbf", new RecurringJobSettings { Cron = "0 6 * * *", Job = "pull" }));

        Assert.That(error!.Message, Does.Contain("Monitoring:Jobs:Recurring:lbf:Url"));
    }

    private static RecurringJobsResult Sync(JobStorage storage, Dictionary<string, RecurringJobSettings> recurring) =>
        new RecurringJobsSync(storage, new RecurringJobManager(storage),
                Options.Create(new JobsOptions { Recurring = recurring }), NullLogger<RecurringJobsSync>.Instance)
            .Apply();
}
