using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Monitoring.Api.Http;

/// <summary>
/// Turns a request body or parameter that cannot be bound (bad JSON, an unknown enum value) into
/// a 400 problem that says where, instead of the framework's bare 400.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
            return false;
        var json = badRequest.InnerException as JsonException;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = "The request could not be read",
                Detail = json is null ? badRequest.Message : $"{json.Message}",
                Extensions = { ["field"] = json?.Path },
            },
        });
    }
}
