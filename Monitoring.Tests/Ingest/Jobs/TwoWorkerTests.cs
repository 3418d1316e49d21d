using Dapper;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import.Formats;
using Monitoring.Ingest.Jobs;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Jobs;

/// <summary>
/// Two real worker processes against one PostgreSQL database share Hangfire's queue and
/// recurring jobs: nothing runs twice, and a worker that dies has its job finished by the other.
/// </summary>
public class TwoWorkerTests
{
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    [Test]
    public async Task A_recurring_job_due_once_runs_exactly_once()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        await database.SeedCatalogAsync();
        await TestPlans.CreateAsync(database);
        var storage = Storage(database);
        await using var a = WorkerProcess.Start("worker-a", database);
        await using var b = WorkerProcess.Start("worker-b", database);
        await BothServersUpAsync(storage, a, b);

        // Due once: at one second a few seconds from now, on this day of the year only.
        var due = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddSeconds(6), Copenhagen);
        var cron = $"{due.Second} {due.Minute} {due.Hour} {due.Day} {due.Month} *";
        var settings = new RecurringJobSettings { Cron = cron, Job = EvaluationSnapshotJob.Kind };
        new RecurringJobManager(storage).AddOrUpdate("snapshot", RecurringJobsSync.ToHangfireJob("snapshot", settings), cron,
            new RecurringJobOptions { TimeZone = Copenhagen });
        var overview = new JobsOverview(storage, new RecurringJobManager(storage));

        await Poll.UntilAsync(() => overview.Runs("snapshot", 10).Any(r => r.State == SucceededState.StateName),
            TimeSpan.FromSeconds(30), "the snapshot job ran", () => a.Output + b.Output);
        // Both servers poll for due recurring jobs every second; give each several chances to run it again.
        await Task.Delay(TimeSpan.FromSeconds(4));

        var runs = overview.Runs("snapshot", 10);
        Assert.That(runs, Has.Count.EqualTo(1), string.Join("\n", runs));
        Assert.That(runs[0].Attempts, Is.EqualTo(1));
        Assert.That(await database.CountAsync("plan_snapshots"), Is.EqualTo(1));
        var recurring = overview.Recurring().Single();
        Assert.That(recurring.NextRun, Is.GreaterThan(DateTime.UtcNow.AddDays(300)), "next due a year from now");
    }

    [Test]
    public async Task A_hundred_enqueued_imports_of_different_files_are_each_imported_exactly_once()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        await database.SeedCatalogAsync();
        var storage = Storage(database);
        await using var a = WorkerProcess.Start("worker-a", database);
        await using var b = WorkerProcess.Start("worker-b", database);
        await BothServersUpAsync(storage, a, b);
        var uploads = new UploadStore(database.Database, TimeProvider.System);
        var folder = Directory.CreateDirectory(Path.Combine(database.Folder, "uploads")).FullName;
        var client = new BackgroundJobClient(storage);
        var jobIds = new List<string>();

        for (var i = 0; i < 100; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            var content = Csv.WithHeader($"MOVES,AREA-A,{2000 + i / 4}Q{i % 4 + 1},{i},,,");
            var path = Path.Combine(folder, id + ".csv");
            await File.WriteAllBytesAsync(path, content);
            await uploads.CreateAsync(id, $"file-{i:000}.csv", path, content.Length, "test", ImportOptions.Detect);
            jobIds.Add(client.Enqueue<UploadImportJob>(job => job.RunAsync(id, null, CancellationToken.None)));
        }

        await using var connection = await database.Database.OpenAsync();
        await Poll.UntilAsync(
            async () => await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM uploads WHERE status = 'committed'") == 100,
            TimeSpan.FromSeconds(90), "all 100 uploads committed", () => a.Output + b.Output);

        Assert.That(await database.CountAsync("import_batches"), Is.EqualTo(100));
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(DISTINCT file_name) FROM import_batches"), Is.EqualTo(100));
        Assert.That(await database.CountAsync("observations"), Is.EqualTo(100));
        var monitoring = storage.GetMonitoringApi();
        var servers = new List<string>();
        foreach (var jobId in jobIds)
        {
            var history = monitoring.JobDetails(jobId).History;
            var processing = history.Where(h => h.StateName == ProcessingState.StateName).ToList();
            Assert.That(processing, Has.Count.EqualTo(1), $"job {jobId} was performed exactly once");
            Assert.That(history[0].StateName, Is.EqualTo(SucceededState.StateName));
            servers.Add(processing[0].Data["ServerId"].Split(':')[0]);
        }
        Assert.That(servers.Distinct().Order(), Is.EqualTo(new[] { "worker-a", "worker-b" }), "both workers took jobs from the one queue");
    }

    [Test]
    public async Task A_worker_killed_mid_job_has_its_job_finished_by_the_other()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        await database.SeedCatalogAsync();
        var storage = Storage(database);
        var environment = new Dictionary<string, string>
        {
            ["Monitoring__Jobs__InvisibilityTimeout"] = "00:00:03",
            ["Monitoring__Jobs__DistributedLockTimeout"] = "00:00:04",
            // The inbox job looks at a file, waits this long and looks again: a window to kill it in.
            ["Monitoring__Jobs__Inbox__SettleTime"] = "00:00:04",
        };
        await using var a = WorkerProcess.Start("worker-a", database, environment);
        await using var b = WorkerProcess.Start("worker-b", database, environment);
        await BothServersUpAsync(storage, a, b);
        var inbox = Directory.CreateDirectory(Path.Combine(database.Folder, "inbox")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(inbox, "karakterer.csv"), Csv.WithHeader("GRADE,AREA-A,2022,7,,,"));

        var jobId = new BackgroundJobClient(storage).Enqueue<InboxJob>(job => job.RunAsync(inbox, CancellationToken.None));
        var monitoring = storage.GetMonitoringApi();
        string? firstServer = null;
        await Poll.UntilAsync(() =>
        {
            var current = monitoring.JobDetails(jobId).History.FirstOrDefault();
            if (current?.StateName != ProcessingState.StateName)
                return false;
            firstServer = current.Data["ServerId"].Split(':')[0];
            return true;
        }, TimeSpan.FromSeconds(20), "a worker started the inbox job");
        var (victim, survivor) = firstServer == a.Name ? (a, b) : (b, a);
        victim.KillHard();

        await Poll.UntilAsync(() => monitoring.JobDetails(jobId).History.FirstOrDefault()?.StateName == SucceededState.StateName,
            TimeSpan.FromSeconds(60), "the other worker finished the job", () => survivor.Output);

        var processing = monitoring.JobDetails(jobId).History.Where(h => h.StateName == ProcessingState.StateName).ToList();
        Assert.That(processing, Has.Count.EqualTo(2), "started by the killed worker, then by the survivor");
        Assert.That(processing[0].Data["ServerId"], Does.StartWith(survivor.Name + ":"));
        Assert.That(victim.HasExited);
        Assert.That(File.Exists(Path.Combine(inbox, "processed", "karakterer.csv")));
        Assert.That(await database.CountAsync("import_batches"), Is.EqualTo(1));
    }

    /// <summary>Hangfire's schema installed once here, before the workers start, and the shared storage for the test's checks.</summary>
    private static JobStorage Storage(TestDatabase database) =>
        TestJobStorage.Create(database, new JobsOptions { QueuePollInterval = TimeSpan.FromMilliseconds(200) });

    private static Task BothServersUpAsync(JobStorage storage, WorkerProcess a, WorkerProcess b) =>
        Poll.UntilAsync(
            () =>
            {
                if (a.HasExited || b.HasExited)
                    Assert.Fail($"A worker exited:\n{a.Output}\n{b.Output}");
                var names = storage.GetMonitoringApi().Servers().Select(s => s.Name.Split(':')[0]).ToHashSet();
                return names.Contains(a.Name) && names.Contains(b.Name);
            },
            TimeSpan.FromSeconds(60), "both workers announced themselves", () => a.Output + b.Output);
}
