using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.OData;

namespace Monitoring.Api.OData;

/// <summary>
/// OData's query validation answers with the exception's type and stack trace in the error's
/// "innererror"; the message already says what was wrong, and the server's internals are not the
/// caller's business.
/// </summary>
public sealed class FeedErrorDetails : IAlwaysRunResultFilter
{
    private static readonly string[] Internals = ["StackTrace", "ExceptionType", "InnerException"];

    public void OnResultExecuting(ResultExecutingContext context)
    {
        switch (context.Result)
        {
            case ObjectResult { Value: SerializableError error }:
                foreach (var key in Internals)
                    error.Remove(key);
                break;
            case ObjectResult { Value: ODataError error }:
                error.InnerError = null;
                break;
            case IODataErrorResult { Error: { } error }:
                error.InnerError = null;
                break;
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
