using System.Globalization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Monitoring.Api.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers (no dependency is asked; restart it only if this fails).
/// <c>/health/ready</c> (and <c>/health</c>, as before): the database reads and writes and is the
/// file the service started with, and the job storage answers; 503 with Retry-After otherwise.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IHealthChecksBuilder AddMonitoringHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag], timeout: DatabaseHealthCheck.Timeout)
            .AddCheck<JobStorageHealthCheck>("jobs", tags: [ReadyTag], timeout: DatabaseHealthCheck.Timeout);

    /// <remarks>
    /// Not rate limited: probes come often and from one address (a load balancer's, shared with the
    /// users behind it), so a limited probe would take the service out of rotation, and the probes would
    /// spend that address's budget for everyone else. The checks are cheap and bounded by their timeout.
    /// </remarks>
    public static void MapMonitoringHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = (context, report) => WriteAsync(context, report, detailed: true),
        }).DisableRateLimiting();
        // The original address answers as readiness does, with its one-word body.
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = (context, report) => WriteAsync(context, report, detailed: false),
        }).DisableRateLimiting();
    }

    /// <summary>The overall status, then (detailed) each check's status and description, one a line; Retry-After when not ready.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report, bool detailed)
    {
        if (report.Status == HealthStatus.Unhealthy)
            context.Response.Headers.RetryAfter = "5";
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (!detailed)
            return context.Response.WriteAsync(report.Status.ToString());
        var lines = report.Entries.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key}: {e.Value.Status} - {e.Value.Description}"));
        return context.Response.WriteAsync(report.Status + "\n" + string.Join("\n", lines) + "\n");
    }
}
