using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Monitoring.Api.Hosting;

namespace Monitoring.Api.Http;

/// <summary>
/// ASP.NET Core's rate limiter, one fixed window per caller: the authenticated identity (an API
/// key's or a session's actor claim) when there is one, else the client's address. Refused
/// requests get 429 with Retry-After and a problem saying when to come back.
/// </summary>
public static class CallerRateLimiter
{
    public static IServiceCollection AddCallerRateLimiter(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var settings = SettingsOf(context);
                return !settings.Enabled
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetFixedWindowLimiter(CallerOf(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = settings.PermitLimit,
                        Window = settings.Window,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var settings = SettingsOf(rejected.HttpContext);
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : (int)Math.Ceiling(settings.Window.TotalSeconds);
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                    title: "Too many requests",
                    detail: $"At most {settings.PermitLimit} requests per {settings.Window.TotalSeconds:0} s per key or address; try again in {seconds} s.",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    private static RateLimitSettings SettingsOf(HttpContext context) =>
        context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<LimitsOptions>>().Value.RateLimit;

    private static string CallerOf(HttpContext context) =>
        context.User.FindFirst(Auth.CallerClaims.Actor)?.Value is { } id
            ? $"id:{context.User.Identity?.AuthenticationType}:{id}"
            : $"ip:{context.Connection.RemoteIpAddress}";
}
