using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitoring.Ingest.Caching;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Import.Rules;
using Monitoring.Ingest.Jobs;
using Monitoring.Ingest.Surveys;
using Polly;

namespace Monitoring.Ingest.Hosting;

/// <summary>
/// The one composition root: everything the API, the worker and the command-line commands share,
/// from the same configuration keys. The API adds only its web parts on top.
/// </summary>
public static class MonitoringServices
{
    public static IServiceCollection AddMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        AddOptions(services, configuration);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new MonitoringDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<ScopeStore>();
        services.AddSingleton<IndicatorStore>();
        services.AddSingleton<DimensionStore>();
        services.AddSingleton<ColumnAliasStore>();
        services.AddSingleton<PlanStore>();
        services.AddSingleton<FrameworkEditStore>();
        services.AddSingleton<FrameworkHistoryStore>();
        services.AddSingleton<ImportBatchStore>();
        services.AddSingleton<ObservationQuery>();
        services.AddSingleton<SeriesQuery>();
        services.AddSingleton<Monitoring.Ingest.Classification.ClassificationInputs>();
        services.AddSingleton<CommentStore>();
        services.AddSingleton<ChainStore>();
        services.AddSingleton<ChainProposalDecisionStore>();
        services.AddSingleton<ChainProposalService>();
        services.AddSingleton<Monitoring.Ingest.Chain.ActivityListImporter>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<SignInLinkStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<PlanScopeLookup>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<PullSourceStore>();
        services.AddSingleton<PlanSnapshotStore>();
        services.AddSingleton<BoardBriefStore>();
        services.AddSingleton<ObservationImporter>();
        services.AddSingleton<SurveyDefinitionStore>();
        services.AddSingleton<RespondentStore>();
        services.AddSingleton<SurveyImporter>();
        services.AddSingleton<TargetGroupQuery>();
        services.AddSingleton<BatchReverter>();
        services.AddSingleton<ObservationCorrector>();
        services.AddSingleton<PlanEvaluationReader>();
        services.AddSingleton<DataVersionStore>();
        services.AddSingleton<PlanEvaluationCache>();
        // Entries are sized in bytes (CacheBytes); the limit bounds the memory of rendered images and
        // evaluations in every process, whatever sizes and questions are asked.
        services.AddMemoryCache(options => options.SizeLimit = configuration.GetValue(CacheBytes.SettingKey, CacheBytes.DefaultLimit));
        services.AddSingleton<ChartService>();
        services.AddSingleton<BoardBriefService>();

        AddJobs(services, configuration);
        return services;
    }

    /// <summary>
    /// Every setting is bound and checked when the process starts; a bad one stops it with a message
    /// naming the full key. Settings whose type does not fit (e.g. a provider or number that is not
    /// one) are named by the configuration binder itself.
    /// </summary>
    private static void AddOptions(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .PostConfigure(options =>
            {
                if (configuration.GetConnectionString("Monitoring") is { Length: > 0 } connectionString)
                    options.ConnectionString = connectionString;
            })
            .Validate(options => Enum.IsDefined(options.Provider),
                $"{DatabaseOptions.SectionName}:Provider must be sqlite or postgres.")
            .Validate(options => !string.IsNullOrWhiteSpace(options.ConnectionString),
                "ConnectionStrings:Monitoring must be set.")
            .ValidateOnStart();
        services.AddOptions<SuppressionOptions>()
            .Bind(configuration.GetSection(SuppressionOptions.SectionName))
            .Validate(options => options.MinCount >= 1, $"{SuppressionOptions.SectionName}:MinCount must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<ValidationOptions>()
            .Bind(configuration.GetSection(ValidationOptions.SectionName))
            .Validate(options => double.IsFinite(options.MaxMagnitude) && options.MaxMagnitude > 0,
                $"{ValidationOptions.SectionName}:MaxMagnitude must be a positive finite number.")
            .ValidateOnStart();
        services.AddOptions<JobsOptions>()
            .Bind(configuration.GetSection(JobsOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>();
    }

    /// <summary>
    /// Hangfire on the storage <see cref="HangfireStorageSetup"/> picks, the jobs, the recurring jobs
    /// from configuration, and a Hangfire server unless <c>Monitoring:Jobs:RunServer</c> is false.
    /// </summary>
    private static void AddJobs(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPlanSnapshotSource, PlanEvaluationSnapshotSource>();
        services.AddSingleton<JobClock>();
        services.AddTransient<InboxJob>();
        services.AddTransient<ScheduledPullJob>();
        services.AddTransient<EvaluationSnapshotJob>();
        services.AddTransient<BoardBriefJob>();
        services.AddTransient<UploadImportJob>();
        services.AddTransient<UploadCleanupJob>();
        services.AddSingleton<OrphanedUploadRecovery>();

        services.AddHttpClient(ScheduledPullJob.HttpClientName)
            .AddResilienceHandler("pull", (pipeline, context) =>
            {
                var pull = context.ServiceProvider.GetRequiredService<IOptions<JobsOptions>>().Value.Pull;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = pull.RetryAttempts,
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
        services.AddSingleton<RecurringJobsSync>();
        services.AddSingleton<JobsOverview>();
        services.AddHostedService<RecurringJobsStartup>();

        // Decided while registering because a server is a hosted service or none; the worker command
        // sets the key to true, the jobs commands to false unless they must run a job themselves.
        if (configuration.GetValue($"{JobsOptions.SectionName}:{nameof(JobsOptions.RunServer)}", true))
        {
            services.AddHangfireServer((sp, server) =>
            {
                var options = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = options.WorkerCount;
                server.SchedulePollingInterval = options.SchedulePollingInterval;
                if (!string.IsNullOrWhiteSpace(options.ServerName))
                    server.ServerName = options.ServerName;
            });
        }
    }
}
