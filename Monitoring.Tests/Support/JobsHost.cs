using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Hosting;
using Monitoring.Ingest.Jobs;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Tests.Support;

/// <summary>
/// The jobs as the worker runs them (the same registration, a real Hangfire server) in this
/// process, over a test database, with configuration given by the test.
/// </summary>
public sealed class JobsHost : IAsyncDisposable
{
    private readonly IHost _host;

    private JobsHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public JobsOverview Overview => Services.GetRequiredService<JobsOverview>();

    /// <param name="clock">The jobs' clock; a <c>FakeTimeProvider</c> lets a test move time on instead of waiting.</param>
    public static async Task<JobsHost> StartAsync(
        TestDatabase database, IDictionary<string, string?> settings, bool runServer = true, TimeProvider? clock = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Monitoring"] = database.Options.ConnectionString,
            ["Monitoring:Database:Provider"] = database.Provider.ToString(),
            ["Monitoring:Jobs:QueuePollInterval"] = "00:00:00.200",
            ["Monitoring:Jobs:SchedulePollingInterval"] = "00:00:01",
            ["Monitoring:Jobs:WorkerCount"] = "2",
            ["Monitoring:Jobs:UploadFolder"] = Path.Combine(database.Folder, "uploads"),
            ["Monitoring:Jobs:RunServer"] = runServer.ToString(),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMonitoring(builder.Configuration);
        if (clock is not null)
            builder.Services.AddSingleton(clock);
        var host = builder.Build();
        await host.StartAsync();
        return new JobsHost(host);
    }

    /// <summary>Triggers a configured recurring job now and waits until it succeeded, failed or was scheduled for a retry.</summary>
    public async Task<JobRun> RunNowAsync(string recurringJobId, TimeSpan? timeout = null)
    {
        var jobId = Overview.Trigger(recurringJobId);
        return await WaitAsync(jobId, timeout);
    }

    public async Task<JobRun> WaitAsync(string jobId, TimeSpan? timeout = null)
    {
        var storage = Services.GetRequiredService<JobStorage>();
        JobRun? run = null;
        await Poll.UntilAsync(() =>
        {
            run = JobsOverview.Describe(jobId, storage.GetMonitoringApi().JobDetails(jobId));
            return run is not null && (run.State == SucceededState.StateName || run.State == FailedState.StateName
                || (run.State == ScheduledState.StateName && run.FailureReason is not null));
        }, timeout ?? TimeSpan.FromSeconds(30), $"job {jobId} finishes", () => $"last seen: {run}");
        return run!;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>A small plan over the test catalog, for the snapshot and brief jobs.</summary>
public static class TestPlans
{
    public static async Task CreateAsync(TestDatabase database, string slug = "test-plan")
    {
        var plan = new PlanDefinition(slug, "Testplan", "0901", "2019-2026", "active", ["AREA-A"],
        [
            new GoalDefinition("M1", "Flere i job", "strategic", null, null, "Bestyrelsen",
                [new TargetDefinition("PCT", "AREA-A", "", "2020", 50, "2026", 40, 0.05, 1, null, null)], null),
        ]);
        await new PlanStore(database.Database).CreateAsync(plan);
    }
}
