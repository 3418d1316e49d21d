using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using Monitoring.Api.Auth;
using Monitoring.Api.Endpoints;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Ingest.Data;
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
        services.AddSingleton<DataVersionLastModified>();
        services.AddSingleton<Monitoring.Ingest.Data.ObservationCellReader>();
        services.AddSingleton<SampleLoader>();
        services.AddSingleton<AdminKeyBootstrap>();
        services.AddSingleton<StartupTasks>();
        // Previewed files wait beside the background uploads, in a folder of their own.
        services.AddSingleton(provider => new Monitoring.Api.Dashboard.ImportPreviewStage(
            Path.Combine(Path.GetFullPath(provider.GetRequiredService<IOptions<Monitoring.Ingest.Jobs.JobsOptions>>().Value.UploadFolder), "forhaandsvisning"),
            provider.GetRequiredService<TimeProvider>()));

        services.AddMonitoringAuthorization(configuration);
        services.AddAntiforgery();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemTypes.Apply);
        // The board pages are Razor components rendered on the server (RazorComponentResult); no interactivity, no script.
        services.AddRazorComponents();
        // Danish letters are written as themselves, not as &#xE6; entities: the page source stays readable.
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddOptions<LimitsOptions>()
            .Bind(configuration.GetSection(LimitsOptions.SectionName))
            .Validate(options => options.MaxUploadBytes >= 1024, $"{LimitsOptions.SectionName}:MaxUploadBytes must be at least 1024.")
            .Validate(options => options.RateLimit.PermitLimit >= 1, $"{LimitsOptions.SectionName}:RateLimit:PermitLimit must be at least 1.")
            .Validate(options => options.RateLimit.Window > TimeSpan.Zero, $"{LimitsOptions.SectionName}:RateLimit:Window must be positive.")
            .ValidateOnStart();
        // One limit for the whole body, in Kestrel and in the form reader, so an upload is refused
        // the same way (413 naming the limit) whichever notices first.
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<LimitsOptions>>((options, limits) => options.Limits.MaxRequestBodySize = limits.Value.MaxUploadBytes);
        services.AddOptions<Microsoft.AspNetCore.Http.Features.FormOptions>()
            .Configure<IOptions<LimitsOptions>>((options, limits) => options.MultipartBodyLengthLimit = limits.Value.MaxUploadBytes);
        services.AddOptions<ProxyOptions>()
            .Bind(configuration.GetSection(ProxyOptions.SectionName))
            .Validate(options => options.Invalid() is null, $"{ProxyOptions.SectionName}:KnownProxies must be IP addresses and KnownNetworks networks in CIDR notation.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<ProxyOptions>>((options, proxies) => ProxyOptions.Configure(options, proxies.Value));
        services.AddCallerRateLimiter();
        // Order matters: the first handler that takes an exception answers it.
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        services.AddExceptionHandler<MalformedRequestExceptionHandler>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Binding failures become exceptions so BadRequestExceptionHandler can say which field was wrong.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => MetadataJson.Configure(options.SerializerOptions));
        services.AddMonitoringOpenApi();
        services.AddSingleton<SqliteFileIdentity>();
        services.AddMonitoringHealthChecks();
        return services;
    }
}
