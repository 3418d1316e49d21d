using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Monitoring.Api.Http;

/// <summary>
/// The database is there but cannot answer now — SQLite busy or locked by another connection,
/// read-only or unopenable; PostgreSQL stopped, restarting, unreachable or timing out — so the
/// request answers 503 with Retry-After instead of 500: the caller did nothing wrong and may
/// simply try again. Waits are bounded by the connection settings (DatabaseOptions), so this comes
/// within seconds.
/// </summary>
public sealed class DatabaseUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    // SQLite primary result codes meaning "not now" rather than "your request is wrong".
    private const int SqliteBusy = 5, SqliteLocked = 6, SqliteReadOnly = 8, SqliteIoError = 10, SqliteFull = 13, SqliteCantOpen = 14;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted || Reason(exception) is not { } reason)
            return false;
        logger.LogWarning("Database unavailable ({Reason}) for {Method} {Path}: {Message}",
            reason, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is not available right now",
                Detail = $"The database is {reason}; nothing was changed by this request. Try again in {RetryAfterSeconds} seconds.",
            },
        });
    }

    /// <summary>Why the database could not answer, or null when the exception is something else.</summary>
    public static string? Reason(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SqliteException sqlite:
                    return (sqlite.SqliteErrorCode & 0xFF) switch
                    {
                        SqliteBusy or SqliteLocked => "busy (another connection holds a lock)",
                        SqliteReadOnly => "read-only",
                        SqliteIoError or SqliteFull or SqliteCantOpen => "not readable or writable on disk",
                        _ => null,
                    };
                case PostgresException postgres when postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                                                     || postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300" or "53000" or "55P03" or "40P01":
                    return "restarting or refusing connections";
                case PostgresException:
                    return null;
                case NpgsqlException:
                    return "unreachable";
                case TimeoutException:
                case SocketException:
                    return "not answering in time";
            }
        }
        return null;
    }
}
