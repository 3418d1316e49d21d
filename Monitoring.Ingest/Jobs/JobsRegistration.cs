using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Storage;
using Polly;

namespace Monitoring.Ingest.Jobs;

/// <summary>Hangfire and the jobs, wired the same way in the API process and in the worker.</summary>
public static class JobsRegistration
{
    /// <summary>The database, stores and importer the jobs need (already there in the API; the worker has only these).</summary>
    public static IServiceCollection AddMonitoringStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .PostConfigure(options =>
            {
                if (configuration.GetConnectionString("Monitoring") is { Length: > 0 } connectionString)
                    options.ConnectionString = connectionString;
            });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new MonitoringDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.TryAddSingleton<SchemaMigrator>();
        services.TryAddSingleton<ScopeStore>();
        services.TryAddSingleton<IndicatorStore>();
        services.TryAddSingleton<PlanStore>();
        services.TryAddSingleton<ImportBatchStore>();
        services.TryAddSingleton<ObservationImporter>();
        return services;
    }

    /// <summary>
    /// Hangfire on the storage <see cref="HangfireStorageSetup"/> picks, the jobs, the recurring jobs
    /// from configuration, and a Hangfire server unless <c>Monitoring:Jobs:RunServer</c> is false.
    /// </summary>
    public static IServiceCollection AddMonitoringJobs(this IServiceCollection services, IConfiguration configuration, bool? runServer = null)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.SectionName));
        services.TryAddSingleton<UploadStore>();
        services.TryAddSingleton<PullSourceStore>();
        services.TryAddSingleton<PlanSnapshotStore>();
        services.TryAddSingleton<BoardBriefStore>();
        services.AddOptions<SuppressionOptions>().Bind(configuration.GetSection(SuppressionOptions.SectionName));
        services.TryAddSingleton<SeriesQuery>();
        services.TryAddSingleton<Evaluation.PlanEvaluationReader>();
        services.TryAddSingleton<DataVersionStore>();
        services.TryAddSingleton<Evaluation.PlanEvaluationCache>();
        services.TryAddSingleton<IPlanSnapshotSource, PlanEvaluationSnapshotSource>();
        services.TryAddSingleton<CommentStore>();
        services.AddMemoryCache();
        services.TryAddSingleton<Reports.Charts.ChartService>();
        services.TryAddSingleton<Reports.Brief.BoardBriefService>();
        services.TryAddSingleton<JobClock>();
        services.AddTransient<InboxJob>();
        services.AddTransient<ScheduledPullJob>();
        services.AddTransient<EvaluationSnapshotJob>();
        services.AddTransient<BoardBriefJob>();
        services.AddTransient<UploadImportJob>();

        services.AddHttpClient(ScheduledPullJob.HttpClientName)
            .AddResilienceHandler("pull", (pipeline, context) =>
            {
                var pull = context.ServiceProvider.GetRequiredService<IOptions<JobsOptions>>().Value.Pull;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, pull.RetryAttempts),
                    Delay = pull.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                });
                pipeline.AddTimeout(pull.Timeout);
            });

        // Registered before AddHangfire, so Hangfire's clients, servers and dashboard all use this
        // storage rather than the static JobStorage.Current.
        services.AddSingleton(sp =>
        {
            // Hangfire's log provider is static and the storage logs from its constructor: point it at
            // this host's logging first (tests build several hosts in one process).
            GlobalConfiguration.Configuration.UseLogProvider(new AspNetCoreLogProvider(sp.GetRequiredService<ILoggerFactory>()));
            return HangfireStorageSetup.Create(
                sp.GetRequiredService<MonitoringDatabase>(), sp.GetRequiredService<IOptions<JobsOptions>>().Value);
        });
        services.AddHangfire((sp, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        services.TryAddSingleton<RecurringJobsSync>();
        services.TryAddSingleton<JobsOverview>();
        services.AddHostedService<RecurringJobsStartup>();

        if (runServer ?? configuration.GetValue($"{JobsOptions.SectionName}:RunServer", true))
        {
            services.AddHangfireServer((sp, server) =>
            {
                var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = Math.Max(1, options.WorkerCount);
                server.SchedulePollingInterval = options.SchedulePollingInterval;
                if (!string.IsNullOrWhiteSpace(options.ServerName))
                    server.ServerName = options.ServerName;
            });
        }
        return services;
    }
}
