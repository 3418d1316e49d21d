using Microsoft.OpenApi;
using Monitoring.Api.Auth;

namespace Monitoring.Api.Hosting.OpenApi;

/// <summary>
/// The OpenAPI document (Swashbuckle): the API key as a security scheme so Swagger UI's Authorize
/// button works, and uploads described as multipart forms with a file field so they can be tried there.
/// The served document is committed as <c>openapi/v1.json</c> and a test fails when it drifts.
/// </summary>
public static class OpenApiSetup
{
    public const string ApiKeyScheme = "ApiKey";

    public static IServiceCollection AddMonitoringOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Monitoring API",
                Version = "v1",
                Description = "Goal monitoring for Danish social-housing plans. Problems are RFC 9457 documents whose 'type' is one of " +
                              "/problems/{name} (GET it for its meaning); see README, \"Problem types\".",
            });
            options.AddSecurityDefinition(ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "An API key (admin, analyst, viewer or bi) in the X-Api-Key header. Reads are open without one " +
                              "when Monitoring:Auth:AnonymousRead is on.",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [],
            });
            options.OperationFilter<FileUploadOperationFilter>();
        });
        return services;
    }
}
