using System.CommandLine;
using System.Globalization;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Jobs;
using Spectre.Console;

namespace Monitoring.Ingest.Cli;

/// <summary><c>jobs list</c> and <c>jobs run NAME</c>: the recurring jobs, and triggering one now.</summary>
public static class JobsCommand
{
    public static Command Create(Option<string?> connection)
    {
        var list = new Command("list", "List the recurring jobs with their cron, next and last run.");
        list.SetAction((parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse, connection, runServer: _ => false);
            Prepare(host);
            var table = new Table().AddColumns("id", "cron", "next run", "last run", "last outcome");
            foreach (var job in host.Services.GetRequiredService<JobsOverview>().Recurring())
            {
                table.AddRow(Markup.Escape(job.Id), Markup.Escape(job.Cron), job.NextRun?.ToString("u") ?? "-",
                    job.LastRun?.ToString("u") ?? "-",
                    Markup.Escape(job.LastOutcome is { } o ? $"{o.State} {o.FailureReason}" : job.Error ?? "-"));
            }
            AnsiConsole.Write(table);
            return Task.FromResult(0);
        });

        var name = new Argument<string>("name") { Description = "The recurring job's id, as configured under Monitoring:Jobs:Recurring." };
        var wait = new Option<bool>("--wait") { Description = "Wait until the job has finished (PostgreSQL; always so on SQLite)." };
        var run = new Command("run", "Trigger a recurring job now.") { name, wait };
        run.SetAction(async (parse, cancellationToken) =>
        {
            var id = parse.GetValue(name)!;
            // With in-memory job storage nothing else can run the job, so this process runs it.
            var runHere = false;
            using var host = CliHost.Build(parse, connection, runServer: configuration =>
                runHere = !HangfireStorageSetup.IsShared(
                    configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>()?.Provider ?? DatabaseProvider.Sqlite));
            Prepare(host);
            var overview = host.Services.GetRequiredService<JobsOverview>();
            if (!overview.Exists(id))
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]No recurring job '{id}'.[/] Scheduled: {string.Join(", ", overview.Recurring().Select(j => j.Id))}");
                return 2;
            }
            if (runHere)
                await host.StartAsync(cancellationToken);
            var jobId = overview.Trigger(id);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Triggered {id} as job {jobId}.");
            if (!runHere && !parse.GetValue(wait))
                return 0;
            var outcome = await WaitAsync(host.Services.GetRequiredService<JobStorage>(), jobId, cancellationToken);
            if (runHere)
                await host.StopAsync(CancellationToken.None);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"{outcome?.State}: {outcome?.Result ?? outcome?.FailureReason}");
            return outcome?.State == SucceededState.StateName ? 0 : 1;
        });

        return new Command("jobs", "Recurring jobs: list them, or run one now.") { list.AcceptingSettings(), run.AcceptingSettings() };
    }

    private static void Prepare(IHost host)
    {
        host.Services.GetRequiredService<SchemaMigrator>().Migrate();
        // The shared schedule is the owner's (Monitoring:Jobs:ManageSchedule); a command only reads it.
        // Job storage in memory is this command's own and empty: it gets the configured schedule.
        var database = host.Services.GetRequiredService<MonitoringDatabase>();
        if (host.Services.GetRequiredService<IOptions<JobsOptions>>().Value.ManageSchedule || !HangfireStorageSetup.IsShared(database))
            host.Services.GetRequiredService<RecurringJobsSync>().Apply();
    }

    private static async Task<JobRun?> WaitAsync(JobStorage storage, string jobId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var run = JobsOverview.Describe(jobId, storage.GetMonitoringApi().JobDetails(jobId));
            if (run is null || run.State == SucceededState.StateName || run.State == FailedState.StateName
                || run.State == DeletedState.StateName || (run.State == ScheduledState.StateName && run.FailureReason is not null))
                return run;
            await Task.Delay(250, cancellationToken);
        }
    }
}
