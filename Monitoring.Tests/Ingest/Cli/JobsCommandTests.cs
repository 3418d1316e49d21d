using Hangfire.States;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Jobs;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Cli;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class JobsCommandTests(DatabaseProvider provider)
{
    private static readonly Dictionary<string, string> Snapshot = new()
    {
        ["Monitoring__Jobs__Recurring__snapshot__Cron"] = "0 2 * * *",
    };

    [Test]
    public async Task Jobs_run_triggers_a_recurring_job_now()
    {
        await using var database = TestDatabase.Create(provider);
        await database.SeedCatalogAsync();
        await TestPlans.CreateAsync(database);
        ScheduleAsTheApi(database);

        var (exitCode, output) = await WorkerProcess.RunCommandAsync(database, ["jobs", "run", "snapshot"], Snapshot);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("Triggered snapshot"));
        if (provider == DatabaseProvider.Sqlite)
        {
            // In-memory job storage: the command ran the job itself.
            Assert.That(output, Does.Contain("Succeeded: 1 plans"));
            Assert.That(await database.CountAsync("plan_snapshots"), Is.EqualTo(1));
        }
        else
        {
            // Shared storage: the job waits in the queue for a server.
            var storage = TestJobStorage.Create(database);
            var runs = new JobsOverview(storage, new Hangfire.RecurringJobManager(storage)).Runs("snapshot", 10);
            Assert.That(runs.Single().State, Is.EqualTo(EnqueuedState.StateName));
        }
    }

    [Test]
    public async Task Jobs_run_of_an_unknown_job_fails_and_names_the_configured_ones()
    {
        await using var database = TestDatabase.Create(provider);
        ScheduleAsTheApi(database);

        var (exitCode, output) = await WorkerProcess.RunCommandAsync(database, ["jobs", "run", "nope"], Snapshot);

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(output, Does.Contain("No recurring job 'nope'").And.Contain("snapshot"));
    }

    /// <summary>
    /// On PostgreSQL the shared schedule is the API's (Monitoring:Jobs:ManageSchedule), so it is put
    /// there as the API would; a command only reads it. In-memory storage is the command's own.
    /// </summary>
    private void ScheduleAsTheApi(TestDatabase database)
    {
        if (provider != DatabaseProvider.Postgres)
            return;
        var storage = TestJobStorage.Create(database);
        new RecurringJobsSync(storage, new Hangfire.RecurringJobManager(storage),
                Options.Create(new JobsOptions { Recurring = new() { ["snapshot"] = new() { Cron = "0 2 * * *" } } }),
                NullLogger<RecurringJobsSync>.Instance)
            .Apply();
    }
}
