using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.OData;

namespace Monitoring.Api.OData;

/// <summary>
/// OData's query validation answers with the exception's type (and stack trace) in the error's
/// "innererror"; the message already says what was wrong, and the server's internals are not the
/// caller's business. Errors become a plain OData error: code and message, nothing inner.
/// </summary>
public sealed class FeedErrorDetails : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context) => context.Result = Plain(context.Result);

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }

    /// <summary>
    /// The result with its error stripped to code and message. <c>[EnableQuery]</c> reports a bad query
    /// as a <see cref="SerializableError"/> (message, exception message, exception type, inner errors),
    /// which OData's formatter turns into an error with an innererror, so it is rebuilt from its messages.
    /// </summary>
    public static IActionResult Plain(IActionResult result)
    {
        switch (result)
        {
            case ObjectResult { Value: SerializableError error } objectResult:
                return new ObjectResult(new ODataError
                {
                    Code = (objectResult.StatusCode ?? StatusCodes.Status400BadRequest).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Message = string.Join(" ", Messages(error).Distinct()),
                })
                { StatusCode = objectResult.StatusCode ?? StatusCodes.Status400BadRequest };
            case ObjectResult { Value: ODataError error }:
                error.InnerError = null;
                break;
            case IODataErrorResult { Error: { } error }:
                error.InnerError = null;
                break;
        }
        return result;
    }

    private static IEnumerable<string> Messages(SerializableError error)
    {
        foreach (var key in new[] { "Message", "ExceptionMessage" })
        {
            if (error.TryGetValue(key, out var value) && value is string text && text.Length > 0)
                yield return text;
        }
        if (error.TryGetValue("InnerException", out var inner) && inner is SerializableError innerError)
        {
            foreach (var text in Messages(innerError))
                yield return text;
        }
    }
}
