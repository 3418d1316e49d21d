using Hangfire;
using Hangfire.Storage;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Jobs;

/// <summary>
/// The recurring-job schedule in shared (PostgreSQL) job storage has one owner: processes started
/// after it, a worker or a second API, leave it as it is.
/// </summary>
public class ScheduleOwnerTests
{
    [Test]
    public async Task Starting_the_api_then_a_worker_then_the_api_again_leaves_the_schedule_as_the_first_api_made_it()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        var storage = TestJobStorage.Create(database);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Monitoring"] = database.Options.ConnectionString,
            ["Monitoring__Database__Provider"] = "Postgres",
            ["Monitoring__Samples__LoadWhenEmpty"] = "false",
        };

        string first;
        await using (var api = await ServiceProcess.StartAsync(environment))
        {
            await Poll.UntilAsync(() => api.Output.Contains("Recurring jobs:"), TimeSpan.FromSeconds(30), "the API applied the schedule", () => api.Output);
            first = Schedule(storage);
        }
        string afterWorker;
        await using (var worker = WorkerProcess.Start("worker-a", database))
        {
            await Poll.UntilAsync(() =>
            {
                if (worker.HasExited)
                    Assert.Fail($"The worker exited:\n{worker.Output}");
                return storage.GetMonitoringApi().Servers().Any(s => s.Name.StartsWith("worker-a:", StringComparison.Ordinal));
            }, TimeSpan.FromSeconds(60), "the worker's server announced itself", () => worker.Output);
            afterWorker = Schedule(storage);
        }
        string again;
        await using (var api = await ServiceProcess.StartAsync(environment))
        {
            await Poll.UntilAsync(() => api.Output.Contains("Recurring jobs:"), TimeSpan.FromSeconds(30), "the API applied the schedule", () => api.Output);
            again = Schedule(storage);
        }

        Assert.That(first, Does.StartWith("snapshot 0 2 * * * Europe/Copenhagen next "), "the API's appsettings.json schedules the snapshot");
        Assert.That(afterWorker, Is.EqualTo(first), "the worker left the schedule alone");
        Assert.That(again, Is.EqualTo(first), "the second API, with the same configuration, changed nothing");
    }

    [Test]
    public async Task A_process_that_does_not_manage_the_schedule_leaves_it_alone_whatever_its_configuration()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Postgres);
        var storage = TestJobStorage.Create(database);
        await using (await JobsHost.StartAsync(database, new Dictionary<string, string?>
        {
            ["Monitoring:Jobs:Recurring:snapshot:Cron"] = "0 2 * * *",
        }, runServer: false))
        {
        }
        var before = Schedule(storage);

        await using (await JobsHost.StartAsync(database, new Dictionary<string, string?>
        {
            ["Monitoring:Jobs:ManageSchedule"] = "false",
            ["Monitoring:Jobs:Recurring:snapshot:Cron"] = "30 3 * * *",
            ["Monitoring:Jobs:Recurring:drop:Cron"] = "*/5 * * * *",
            ["Monitoring:Jobs:Recurring:drop:Job"] = "inbox",
            ["Monitoring:Jobs:Recurring:drop:Folder"] = database.Folder,
        }))
        {
        }

        Assert.That(Schedule(storage), Is.EqualTo(before));
        Assert.That(before, Does.StartWith("snapshot 0 2 * * *"));
    }

    /// <summary>Every recurring job as one comparable line: id, cron, time zone, next run and the method it runs.</summary>
    private static string Schedule(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        return string.Join("\n", connection.GetRecurringJobs().OrderBy(j => j.Id, StringComparer.Ordinal)
            .Select(j => $"{j.Id} {j.Cron} {j.TimeZoneId} next {j.NextExecution:O} {j.Job?.Type.Name}.{j.Job?.Method.Name} created {j.CreatedAt:O}"));
    }
}
