using Microsoft.Extensions.Options;
using Monitoring.Api.Auth;
using Monitoring.Api.Http;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Jobs;
using Monitoring.Ingest.Metadata;
using Monitoring.Ingest.Samples;
using Monitoring.Ingest.Storage;

namespace Monitoring.Api.Hosting;

/// <summary>Everything the API process needs, wired once.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.SectionName))
            .PostConfigure(options =>
            {
                if (configuration.GetConnectionString("Monitoring") is { Length: > 0 } connectionString)
                    options.ConnectionString = connectionString;
            });
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName));
        services.AddOptions<SampleOptions>().Bind(configuration.GetSection(SampleOptions.SectionName));
        services.AddOptions<SuppressionOptions>().Bind(configuration.GetSection(SuppressionOptions.SectionName));
        services.AddOptions<Endpoints.CheckOptions>().Bind(configuration.GetSection(Endpoints.CheckOptions.SectionName));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new MonitoringDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<ScopeStore>();
        services.AddSingleton<IndicatorStore>();
        services.AddSingleton<PlanStore>();
        services.AddSingleton<ImportBatchStore>();
        services.AddSingleton<ObservationQuery>();
        services.AddSingleton<SeriesQuery>();
        services.AddSingleton<CommentStore>();
        services.AddMemoryCache(options => options.SizeLimit = 2000);
        services.AddSingleton<Ingest.Reports.Charts.ChartService>();
        services.AddSingleton<Ingest.Reports.Brief.BoardBriefService>();
        services.AddSingleton<Ingest.Evaluation.PlanEvaluationReader>();
        services.AddSingleton<DataVersionStore>();
        services.AddSingleton<Ingest.Evaluation.PlanEvaluationCache>();
        services.AddSingleton<DataVersionETag>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<ObservationImporter>();
        services.AddSingleton<SampleLoader>();
        services.AddSingleton<AdminKeyBootstrap>();
        services.AddSingleton<StartupTasks>();

        // Hangfire and the jobs; the API runs a Hangfire server unless Monitoring:Jobs:RunServer is false.
        services.AddMonitoringJobs(configuration);

        services.AddMonitoringAuthorization();
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Binding failures become exceptions so BadRequestExceptionHandler can say which field was wrong.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => MetadataJson.Configure(options.SerializerOptions));
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options => options.SwaggerDoc("v1", new() { Title = "Monitoring API", Version = "v1" }));
        return services;
    }
}
