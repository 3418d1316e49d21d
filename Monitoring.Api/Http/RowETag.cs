using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Monitoring.Api.Http;

/// <summary>
/// ETags of editable rows (plan definition, goal, target, indicator, area): the row's
/// <c>row_version</c>, which every committed edit moves on. Unlike the computed reads'
/// <see cref="DataVersionETag"/>, it names one resource's state, so an edit sent with
/// <c>If-Match</c> applies only to the state its author saw.
/// </summary>
public static class RowETag
{
    public static string Format(long version) => $"\"v{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void Set(HttpResponse response, long version) => response.Headers.ETag = Format(version);

    /// <summary>
    /// The version the request's <c>If-Match</c> names: null with a 428 problem when there is none,
    /// and -1 (which no row has) when it names something else, so the edit is refused as stale.
    /// </summary>
    public static long? Expected(HttpRequest request, out IResult? problem)
    {
        problem = null;
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            problem = EditProblems.PreconditionRequired();
            return null;
        }
        if (!EntityTagHeaderValue.TryParseList([header], out var tags) || tags.Count != 1)
            return -1;
        var tag = tags[0].Tag.ToString().Trim('"');
        return tag.StartsWith('v') && long.TryParse(tag.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;
    }
}
