using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Jobs;

namespace Monitoring.Ingest.Cli;

/// <summary>
/// <c>worker</c>: runs the Hangfire server with every job, and no web server, until stopped. It reads
/// the same keys as the API (appsettings.json beside the binaries, <c>ConnectionStrings__Monitoring</c>,
/// <c>Monitoring__Database__Provider</c>, <c>Monitoring__Jobs__...</c>), and leaves the recurring-job
/// schedule to the API unless <c>Monitoring:Jobs:ManageSchedule</c> is set.
/// </summary>
public static class WorkerCommand
{
    public static Command Create(Option<string?> connection)
    {
        var command = new Command("worker", "Run the background jobs (Hangfire server) without the web API.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            // A worker is there to run jobs: the server runs whatever Monitoring:Jobs:RunServer says.
            using var host = CliHost.Build(parse, connection, runServer: _ => true);
            var database = host.Services.GetRequiredService<MonitoringDatabase>();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Monitoring.Worker");
            var applied = host.Services.GetRequiredService<SchemaMigrator>().Migrate();
            if (applied.Count > 0)
                logger.LogInformation("Applied migrations: {Migrations}", string.Join(", ", applied));
            if (!HangfireStorageSetup.IsShared(database))
            {
                logger.LogWarning(
                    "The database is {Provider}: jobs are kept in this process's memory and not shared with the API. " +
                    "Use PostgreSQL to run workers beside the API.", database.Provider);
            }
            await host.RunAsync(cancellationToken);
            return 0;
        });
        return command.AcceptingSettings();
    }
}
