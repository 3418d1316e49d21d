using Monitoring.Api.Auth;
using Monitoring.Api.Endpoints;
using Monitoring.Api.Http;
using Monitoring.Ingest.Hosting;
using Monitoring.Ingest.Metadata;
using Monitoring.Ingest.Samples;

namespace Monitoring.Api.Hosting;

/// <summary>The API process: the shared services (<see cref="MonitoringServices"/>) and its web parts.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddMonitoringApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMonitoring(configuration);

        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.SectionName))
            .Validate(options => !string.IsNullOrWhiteSpace(options.AdminKeyFile), $"{AuthOptions.SectionName}:AdminKeyFile must name a file.")
            .ValidateOnStart();
        services.AddOptions<SampleOptions>().Bind(configuration.GetSection(SampleOptions.SectionName));
        services.AddOptions<CheckOptions>()
            .Bind(configuration.GetSection(CheckOptions.SectionName))
            .Validate(options => options.MaxStrategicGoals >= 1, $"{CheckOptions.SectionName}:MaxStrategicGoals must be at least 1.")
            .Validate(options => options.MaxIndicatorsPerGoal >= 1, $"{CheckOptions.SectionName}:MaxIndicatorsPerGoal must be at least 1.")
            .ValidateOnStart();

        services.AddSingleton<DataVersionETag>();
        services.AddSingleton<SampleLoader>();
        services.AddSingleton<AdminKeyBootstrap>();
        services.AddSingleton<StartupTasks>();

        services.AddMonitoringAuthorization(configuration);
        services.AddAntiforgery();
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
