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

        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName));
        services.AddOptions<SampleOptions>().Bind(configuration.GetSection(SampleOptions.SectionName));
        services.AddOptions<CheckOptions>().Bind(configuration.GetSection(CheckOptions.SectionName));

        services.AddSingleton<SampleLoader>();
        services.AddSingleton<AdminKeyBootstrap>();
        services.AddSingleton<StartupTasks>();

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
