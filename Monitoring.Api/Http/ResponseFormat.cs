namespace Monitoring.Api.Http;

/// <summary>Whether a list is answered as JSON or CSV: <c>?format=csv</c> or <c>Accept: text/csv</c>.</summary>
public static class ResponseFormat
{
    public static bool TryWantsCsv(HttpRequest request, out bool csv, out IResult? problem)
    {
        problem = null;
        csv = false;
        var format = request.Query["format"].ToString();
        switch (format.ToLowerInvariant())
        {
            case "csv":
                csv = true;
                return true;
            case "json":
                return true;
            case "":
                csv = request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase);
                return true;
            default:
                problem = Problems.BadParameter("format", format, "Use format=json or format=csv.");
                return false;
        }
    }
}
