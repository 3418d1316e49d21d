using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Monitoring.Api.Hosting;

namespace Monitoring.Api.Http;

/// <summary>
/// A request body the framework cannot read — a body over the upload limit, or multipart that is
/// malformed (no or wrong boundary, cut off, too many parts, an oversized part header, a bad
/// Content-Disposition) — answers a problem: 413 naming the limit, else 400. Never 500: the
/// caller sent something wrong, the service did not fail.
/// </summary>
public sealed class MalformedRequestExceptionHandler(IProblemDetailsService problems, IOptions<LimitsOptions> limits) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
            return false;
        var (status, detail) = Classify(exception);
        if (status == 0)
            return false;
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = status,
                Title = status == StatusCodes.Status413PayloadTooLarge ? "The request is too large" : "The request body could not be read",
                Detail = detail,
                Extensions = status == StatusCodes.Status413PayloadTooLarge
                    ? new Dictionary<string, object?> { ["limitBytes"] = limits.Value.MaxUploadBytes }
                    : new Dictionary<string, object?>(),
            },
        });
    }

    private (int Status, string Detail) Classify(Exception exception)
    {
        var limit = limits.Value.MaxUploadBytes;
        var tooLarge = $"The largest upload is {Megabytes(limit)} ({limit:N0} bytes, setting {LimitsOptions.SectionName}:MaxUploadBytes); " +
                       "split the file or ask the operator to raise the limit.";
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                    return (StatusCodes.Status413PayloadTooLarge, tooLarge);
                case InvalidDataException data when data.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase):
                    return (StatusCodes.Status413PayloadTooLarge, tooLarge);
                case InvalidDataException data:
                    return (StatusCodes.Status400BadRequest, $"The multipart body is malformed: {data.Message}");
                // The multipart reader's words for a body that ends before its closing boundary.
                case IOException io when io.Message.StartsWith("Unexpected end of", StringComparison.Ordinal):
                    return (StatusCodes.Status400BadRequest, "The request body ended before the multipart body was complete.");
                // PostgreSQL refuses text it cannot store (a NUL character, bytes that are not UTF-8): the caller's input, not a fault.
                case Npgsql.PostgresException { SqlState: "22021" or "22P05" }:
                    return (StatusCodes.Status400BadRequest, "The request contains characters that cannot be stored or searched for (such as NUL).");
                case FormatException format when IsMultipart(exception):
                    return (StatusCodes.Status400BadRequest, $"A multipart header could not be read: {format.Message}");
            }
        }
        return (0, "");
    }

    private static bool IsMultipart(Exception exception) =>
        exception.StackTrace?.Contains("Multipart", StringComparison.Ordinal) == true
        || exception.StackTrace?.Contains("ContentDisposition", StringComparison.Ordinal) == true;

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MB";
}
