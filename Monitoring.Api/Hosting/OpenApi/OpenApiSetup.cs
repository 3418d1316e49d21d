using Microsoft.OpenApi;
using Monitoring.Api.Auth;

namespace Monitoring.Api.Hosting.OpenApi;

/// <summary>
/// The OpenAPI document (Swashbuckle): the API key and the session cookie as security schemes so Swagger UI's Authorize
/// button works, parameter descriptions and the shared problem answers from operation filters, and uploads described as multipart forms with a file field so they can be tried there.
/// The served document is committed as <c>openapi/v1.json</c> and a test fails when it drifts.
/// </summary>
public static class OpenApiSetup
{
    public const string ApiKeyScheme = "ApiKey";
    public const string SessionScheme = "SessionCookie";

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
            options.AddSecurityDefinition(SessionScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = SessionCookie.Name,
                Description = "The browser session of a person signed in by a personal sign-in link or OpenID Connect (HttpOnly; " +
                              "Swagger UI opened from the same site sends it by itself). Used when no X-Api-Key header is sent.",
            });
            // Two requirements: either the key or the session will do.
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [],
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SessionScheme, document)] = [],
            });
            options.OperationFilter<FileUploadOperationFilter>();
            options.OperationFilter<CsvFormatOperationFilter>();
            options.OperationFilter<ParameterDescriptionsOperationFilter>();
            options.OperationFilter<ProblemResponsesOperationFilter>();
        });
        return services;
    }
}
