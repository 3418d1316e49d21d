using Microsoft.Net.Http.Headers;
using Monitoring.Core.Model;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Api.Http;

/// <summary>
/// The one place a response's error language is chosen: Danish, the secretariat's language, unless
/// the request's <c>Accept-Language</c> prefers English. Errors carry both texts; this picks which
/// one is <c>message</c> (the other stays beside it as <c>messageEn</c>).
/// </summary>
public static class ErrorLanguage
{
    public static bool WantsEnglish(HttpRequest request)
    {
        var preferred = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? "")
            .FirstOrDefault(l => l.StartsWith("en", StringComparison.OrdinalIgnoreCase) || l.StartsWith("da", StringComparison.OrdinalIgnoreCase));
        return preferred?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
    }

    public static RowError In(this RowError error, bool english) => english ? error with { Message = error.MessageEn } : error;

    public static FieldError In(this FieldError error, bool english) => english ? error with { Message = error.MessageEn } : error;
}

/// <summary>A problem whose wording is decided when it is written, from the request it answers.</summary>
internal sealed class LocalizedProblem(Func<bool, IResult> build) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => build(ErrorLanguage.WantsEnglish(httpContext.Request)).ExecuteAsync(httpContext);
}
